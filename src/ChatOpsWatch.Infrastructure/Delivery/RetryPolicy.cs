namespace ChatOpsWatch.Infrastructure.Delivery;

/// <summary>How long to wait before trying again. Pure, so the loops that use it stay testable.</summary>
public static class RetryPolicy
{
    public static readonly TimeSpan FirstDelay = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan MaxDelay = TimeSpan.FromMinutes(5);

    /// <summary>
    /// After a permanent failure (bot kicked, chat not found) the message is kept and retried this
    /// rarely, so that fixing the configuration or re-adding the bot delivers it.
    /// </summary>
    public static readonly TimeSpan PermanentDelay = TimeSpan.FromHours(1);

    /// <summary>The delay after the <paramref name="attempts"/>-th consecutive transient failure: 5 s, 10 s, 20 s … 5 min.</summary>
    public static TimeSpan Delay(int attempts) => Exponential(attempts, FirstDelay, MaxDelay);

    /// <summary><paramref name="first"/> doubled per attempt after the first, never above <paramref name="cap"/>.</summary>
    public static TimeSpan Exponential(int attempt, TimeSpan first, TimeSpan cap)
    {
        if (attempt <= 1)
        {
            return first < cap ? first : cap;
        }

        var ticks = first.Ticks * Math.Pow(2, Math.Min(attempt - 1, 40));
        return ticks >= cap.Ticks ? cap : TimeSpan.FromTicks((long)ticks);
    }
}
