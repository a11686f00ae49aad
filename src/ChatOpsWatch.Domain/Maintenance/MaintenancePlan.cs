using ChatOpsWatch.Domain.Engine.Policy;

namespace ChatOpsWatch.Domain.Maintenance;

/// <summary>When a maintenance window mutes: once, or every week.</summary>
public abstract record MaintenanceTiming
{
    /// <summary>From <paramref name="Starts"/> until <paramref name="Ends"/> (exclusive).</summary>
    public sealed record Once(DateTimeOffset Starts, DateTimeOffset Ends) : MaintenanceTiming;

    /// <summary>Every week on the cron's days at its time (UTC), for <paramref name="Duration"/>.</summary>
    public sealed record Weekly(WeeklyCron Cron, TimeSpan Duration) : MaintenanceTiming;
}

/// <summary>
/// A maintenance window set from the chat. The engine sees a one-off window as a <see cref="Silence"/> that starts
/// later, and a weekly one as a <see cref="MaintenanceWindow"/>; both carry the id "m&lt;id&gt;".
/// </summary>
public sealed record MaintenancePlan(string Id, IReadOnlyList<Matcher> Matchers, MaintenanceTiming Timing, string CreatedBy, string Comment, DateTimeOffset CreatedAt)
{
    public string EngineId => "m" + Id;

    /// <summary>A one-off window that has ended; a weekly one is never over until cancelled.</summary>
    public bool IsOver(DateTimeOffset now) => Timing is MaintenanceTiming.Once once && now >= once.Ends;

    public Silence? ToSilence() => Timing is MaintenanceTiming.Once once
        ? new Silence(EngineId, Matchers, once.Starts, once.Ends, CreatedBy, Comment)
        : null;

    public MaintenanceWindow? ToWindow() => Timing is MaintenanceTiming.Weekly weekly
        ? new MaintenanceWindow(EngineId, Matchers, weekly.Cron.Days, weekly.Cron.Start, weekly.Duration, CreatedBy, Comment)
        : null;

    /// <summary>The end of the occurrence in force at <paramref name="now"/>, or null when none is.</summary>
    public DateTimeOffset? CurrentEnd(DateTimeOffset now)
    {
        switch (Timing)
        {
            case MaintenanceTiming.Once once:
                return now >= once.Starts && now < once.Ends ? once.Ends : null;
            case MaintenanceTiming.Weekly weekly:
                var utc = now.UtcDateTime;
                for (var back = 0; back <= (int)Math.Ceiling(weekly.Duration.TotalDays); back++)
                {
                    var day = utc.Date.AddDays(-back);
                    var opens = day + weekly.Cron.Start.ToTimeSpan();
                    if (weekly.Cron.Days.Contains(day.DayOfWeek) && utc >= opens && utc < opens + weekly.Duration)
                    {
                        return new DateTimeOffset(opens + weekly.Duration, TimeSpan.Zero);
                    }
                }

                return null;
            default:
                return null;
        }
    }
}
