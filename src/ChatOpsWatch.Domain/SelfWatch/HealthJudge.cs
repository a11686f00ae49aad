using System.Globalization;

namespace ChatOpsWatch.Domain.SelfWatch;

/// <summary>
/// The pure verdicts of <c>chatopswatch health</c> (issue 13). The scheduler is healthy when a poll fired within
/// 2 intervals (plus one beat of the liveness record, which is written on a timer, not at every fire); a monitor that
/// has not fired yet is given the same span from its start. The outbox is healthy while its oldest unsent message is
/// younger than the bound.
/// </summary>
public static class HealthJudge
{
    public const int IntervalsBeforeStalled = 2;

    public static HealthResult Scheduler(Liveness? liveness, DateTimeOffset now)
    {
        if (liveness is null)
        {
            return new(HealthCheck.Scheduler, false, "no liveness record: the monitor has never run on this database");
        }

        if (liveness.Nodes == 0 || liveness.Interval <= TimeSpan.Zero)
        {
            var beatAge = now - liveness.BeatAt;
            var ok = beatAge <= 3 * liveness.BeatEvery;
            return new(HealthCheck.Scheduler, ok, ok ? "no nodes configured; the monitor is alive" : $"no nodes configured, and the monitor's last beat was {S(beatAge)} ago (bound {S(3 * liveness.BeatEvery)})");
        }

        var bound = (IntervalsBeforeStalled * liveness.Interval) + liveness.BeatEvery;
        var since = liveness.LastFiredAt ?? liveness.StartedAt;
        var age = now - since;
        if (age <= bound)
        {
            return new(HealthCheck.Scheduler, true, liveness.LastFiredAt is null
                ? $"started {S(age)} ago, first poll pending (interval {S(liveness.Interval)})"
                : $"a poll fired {S(age)} ago (interval {S(liveness.Interval)})");
        }

        return new(HealthCheck.Scheduler, false, liveness.LastFiredAt is null
            ? $"no poll fired in the {S(age)} since start (bound {S(bound)}: {IntervalsBeforeStalled} × {S(liveness.Interval)} + one beat)"
            : $"no poll fired for {S(age)} (bound {S(bound)}: {IntervalsBeforeStalled} × {S(liveness.Interval)} + one beat)");
    }

    public static HealthResult Outbox(DateTimeOffset? oldestUnsent, int unsent, DateTimeOffset now, TimeSpan bound)
    {
        if (oldestUnsent is not { } oldest)
        {
            return new(HealthCheck.Outbox, true, "nothing waiting");
        }

        var age = now - oldest;
        return age < bound
            ? new(HealthCheck.Outbox, true, $"{unsent} waiting, the oldest for {S(age)} (bound {S(bound)})")
            : new(HealthCheck.Outbox, false, $"{unsent} undelivered, the oldest for {S(age)} (bound {S(bound)})");
    }

    private static string S(TimeSpan t) => t.TotalSeconds.ToString("0", CultureInfo.InvariantCulture) + " s";
}
