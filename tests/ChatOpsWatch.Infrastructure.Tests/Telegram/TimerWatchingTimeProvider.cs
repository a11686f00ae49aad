using Microsoft.Extensions.Time.Testing;

namespace ChatOpsWatch.Infrastructure.Tests.Telegram;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that reports every timer created on it (Task.Delay creates one),
/// so a test can wait until a loop is actually sleeping and see for how long, then advance exactly.
/// </summary>
public sealed class TimerWatchingTimeProvider(DateTimeOffset start) : FakeTimeProvider(start)
{
    private readonly Lock gate = new();
    private readonly List<TimeSpan> dueTimes = [];
    private TaskCompletionSource created = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        TaskCompletionSource fire;
        lock (gate)
        {
            dueTimes.Add(dueTime);
            fire = created;
            created = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        fire.TrySetResult();
        return timer;
    }

    /// <summary>Waits until <paramref name="n"/> timers exist; returns the due time of the n-th.</summary>
    public async Task<TimeSpan> WaitForTimerAsync(int n)
    {
        while (true)
        {
            Task next;
            lock (gate)
            {
                if (dueTimes.Count >= n)
                {
                    return dueTimes[n - 1];
                }

                next = created.Task;
            }

            await next.WaitAsync(TimeSpan.FromSeconds(10));
        }
    }
}
