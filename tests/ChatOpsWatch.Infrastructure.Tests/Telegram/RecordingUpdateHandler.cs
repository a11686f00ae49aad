using ChatOpsWatch.Infrastructure.Telegram;
using Telegram.Bot.Types;

namespace ChatOpsWatch.Infrastructure.Tests.Telegram;

/// <summary>Records the updates the poller hands over; optionally throws for chosen update ids.</summary>
public sealed class RecordingUpdateHandler : ITelegramUpdateHandler
{
    private readonly Lock gate = new();
    private readonly List<Update> handled = [];
    private readonly List<(int Count, TaskCompletionSource Done)> waiters = [];

    public HashSet<int> ThrowFor { get; } = [];

    public IReadOnlyList<Update> Handled
    {
        get
        {
            lock (gate)
            {
                return [.. handled];
            }
        }
    }

    public Task HandleAsync(Update update, CancellationToken ct)
    {
        lock (gate)
        {
            handled.Add(update);
            foreach (var w in waiters.Where(w => handled.Count >= w.Count))
            {
                w.Done.TrySetResult();
            }
        }

        return ThrowFor.Contains(update.Id) ? throw new InvalidOperationException($"handler broke on update {update.Id}") : Task.CompletedTask;
    }

    public Task WaitForAsync(int count)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (gate)
        {
            if (handled.Count >= count)
            {
                return Task.CompletedTask;
            }

            waiters.Add((count, done));
        }

        return done.Task.WaitAsync(TimeSpan.FromSeconds(10));
    }
}
