using ChatOpsWatch.Infrastructure.Delivery;

namespace ChatOpsWatch.Infrastructure.Chat;

/// <summary>
/// Where the update poller says whether it is behind (its getUpdates failing), so that delivery resuming after a Bot API
/// outage first lets it take in the commands typed during the outage: their replies are then queued, and sorted before
/// the warnings queued earlier, when the outbox is read again. With no poller (webhook mode) it is never behind and
/// nobody waits. Thread-safe; never throws but for cancellation.
/// </summary>
public sealed class CommandIntake(TimeProvider time)
{
    private readonly OutboxSignal wake = new(time);
    private readonly Lock gate = new();
    private TaskCompletionSource caughtUp = Completed();
    private bool behind;

    /// <summary>True while the poller's getUpdates fails.</summary>
    public bool IsBehind
    {
        get
        {
            lock (gate)
            {
                return behind;
            }
        }
    }

    /// <summary>The poller failed to fetch updates.</summary>
    public void FellBehind()
    {
        lock (gate)
        {
            if (!behind)
            {
                behind = true;
                caughtUp = new(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }
    }

    /// <summary>The poller fetched updates again and handled every one it got.</summary>
    public void CaughtUp()
    {
        lock (gate)
        {
            behind = false;
            caughtUp.TrySetResult();
        }
    }

    /// <summary>The poller's wait before its next attempt; true when <see cref="CatchUpAsync"/> cut it short.</summary>
    public Task<bool> WaitToRetryAsync(TimeSpan delay, CancellationToken ct) => wake.WaitAsync(delay, ct);

    /// <summary>
    /// If the poller is behind: wakes it to try at once, and waits until it caught up or <paramref name="max"/> passed.
    /// Returns at once when it is not behind.
    /// </summary>
    public async Task CatchUpAsync(TimeSpan max, CancellationToken ct)
    {
        Task done;
        lock (gate)
        {
            if (!behind)
            {
                return;
            }

            done = caughtUp.Task;
        }

        wake.Notify();
        try
        {
            await done.WaitAsync(max, time, ct);
        }
        catch (TimeoutException)
        {
            // Still behind: deliver anyway, a late reply must not hold every alert.
        }
    }

    private static TaskCompletionSource Completed()
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        done.SetResult();
        return done;
    }
}
