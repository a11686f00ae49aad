using System.Text.Json.Nodes;

namespace ChatOpsWatch.Testing.FakeBotApi;

/// <summary>
/// Telegram's update queue: updates stay until a getUpdates call confirms them with a higher offset;
/// an empty queue holds the call open up to its timeout; a second getUpdates terminates the first
/// with 409, as the real server does.
/// </summary>
internal sealed class FakeUpdateQueue
{
    private readonly Lock gate = new();
    private readonly List<(int Id, JsonObject Update)> pending = [];
    private TaskCompletionSource changed = NewSignal();
    private CancellationTokenSource? activePoll;
    private int nextId = 500_001;

    public int Enqueue(Func<int, JsonObject> build)
    {
        TaskCompletionSource fire;
        int id;
        lock (gate)
        {
            id = nextId++;
            var update = build(id);
            update["update_id"] = id;
            pending.Add((id, update));
            fire = changed;
            changed = NewSignal();
        }

        fire.TrySetResult();
        return id;
    }

    /// <summary>The updates to return, or null when a newer getUpdates call terminated this one (409).</summary>
    public async Task<JsonArray?> TakeAsync(long offset, int limit, TimeSpan timeout, CancellationToken serverStopping)
    {
        using var mine = CancellationTokenSource.CreateLinkedTokenSource(serverStopping);
        CancellationTokenSource? previous;
        lock (gate)
        {
            previous = activePoll;
            activePoll = mine;
        }

        previous?.Cancel();
        try
        {
            var deadline = TimeProvider.System.GetTimestamp() + (long)(timeout.TotalSeconds * TimeProvider.System.TimestampFrequency);
            while (true)
            {
                Task wake;
                lock (gate)
                {
                    pending.RemoveAll(p => offset > 0 && p.Id < offset);
                    var ready = pending.Where(p => p.Id >= offset).Take(limit).ToList();
                    if (ready.Count > 0)
                    {
                        return [.. ready.Select(p => p.Update.DeepClone())];
                    }

                    wake = changed.Task;
                }

                var left = TimeProvider.System.GetElapsedTime(TimeProvider.System.GetTimestamp(), deadline);
                if (left <= TimeSpan.Zero)
                {
                    return [];
                }

                try
                {
                    await wake.WaitAsync(left, mine.Token);
                }
                catch (TimeoutException)
                {
                    return [];
                }
                catch (OperationCanceledException) when (!serverStopping.IsCancellationRequested)
                {
                    return null;
                }
            }
        }
        finally
        {
            lock (gate)
            {
                if (activePoll == mine)
                {
                    activePoll = null;
                }
            }
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
