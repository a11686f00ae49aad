using ChatOpsWatch.Domain.Alerts;

namespace ChatOpsWatch.Domain.SelfWatch;

/// <summary>
/// "Monitoring stalled" (issue 13): raised when no poll has completed for <see cref="HealthJudge.IntervalsBeforeStalled"/>
/// intervals while nodes are configured (a monitor that has not completed one yet counts from its start), resolved
/// by the next completed poll. <c>grace</c> is how long one poll may legitimately run (connect timeout plus probe
/// deadline): with intervals of a few seconds, a poll still within its deadline is slow, not stalled. One step per
/// check; the reason says whether to tell.
/// </summary>
public static class StallWatch
{
    public static (bool Stalled, NotifyReason Reason) Step(bool stalled, Liveness liveness, DateTimeOffset now, TimeSpan grace = default)
    {
        ArgumentNullException.ThrowIfNull(liveness);
        var isStalled = IsStalled(liveness, now, grace);
        return (stalled, isStalled) switch
        {
            (false, true) => (true, NotifyReason.Fired),
            (true, false) => (false, NotifyReason.Resolved),
            _ => (isStalled, NotifyReason.None),
        };
    }

    /// <summary>How long since the last completed poll (or the start), for the message.</summary>
    public static TimeSpan Silence(Liveness liveness, DateTimeOffset now) => now - (liveness.LastCompletedAt ?? liveness.StartedAt);

    private static bool IsStalled(Liveness l, DateTimeOffset now, TimeSpan grace) =>
        l.Nodes > 0 && l.Interval > TimeSpan.Zero && Silence(l, now) > (HealthJudge.IntervalsBeforeStalled * l.Interval) + grace;
}
