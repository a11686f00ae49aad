namespace ChatOpsWatch.Testing.FakeBotApi;

/// <summary>A thread-safe append-only list that tests can await instead of polling in sleep loops.</summary>
internal sealed class Recorder<T>
{
    private readonly Lock gate = new();
    private readonly List<T> items = [];
    private readonly List<(Func<IReadOnlyList<T>, bool> Done, TaskCompletionSource Signal)> waiters = [];

    public IReadOnlyList<T> Snapshot()
    {
        lock (gate)
        {
            return [.. items];
        }
    }

    public void Add(T item)
    {
        var fire = new List<TaskCompletionSource>();
        lock (gate)
        {
            items.Add(item);
            foreach (var w in waiters.Where(w => w.Done(items)).ToList())
            {
                waiters.Remove(w);
                fire.Add(w.Signal);
            }
        }

        fire.ForEach(s => s.TrySetResult());
    }

    /// <summary>Completes once <paramref name="done"/> holds for the items (checked now and after every add).</summary>
    public async Task WaitUntilAsync(Func<IReadOnlyList<T>, bool> done, TimeSpan timeout, string what)
    {
        var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (gate)
        {
            if (done(items))
            {
                return;
            }

            waiters.Add((done, signal));
        }

        try
        {
            await signal.Task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            lock (gate)
            {
                waiters.RemoveAll(w => w.Signal == signal);
            }

            throw new TimeoutException($"Timed out after {timeout.TotalSeconds:0.#} s waiting for {what}; recorded so far:\n{string.Join("\n", Snapshot())}");
        }
    }
}
