using System.Globalization;

namespace ChatOpsWatch.Domain.Reports;

/// <summary>When the scheduled daily report is due. Pure: the caller passes the clock.</summary>
public static class ReportSchedule
{
    public static readonly TimeSpan Window = TimeSpan.FromDays(1);

    /// <summary>
    /// The latest scheduled instant at or before <paramref name="now"/> (today's <paramref name="at"/> once it has
    /// passed, else yesterday's): the report for it covers the 24 hours before it.
    /// </summary>
    public static DateTimeOffset LatestDue(DateTimeOffset now, TimeOnly at)
    {
        var today = new DateTimeOffset(DateOnly.FromDateTime(now.UtcDateTime).ToDateTime(at), TimeSpan.Zero);
        return today <= now ? today : today - TimeSpan.FromDays(1);
    }

    /// <summary>The first scheduled instant after <paramref name="now"/>.</summary>
    public static DateTimeOffset NextDue(DateTimeOffset now, TimeOnly at) => LatestDue(now, at) + TimeSpan.FromDays(1);

    /// <summary>The name under which the report of <paramref name="due"/> is recorded as queued.</summary>
    public static string Period(DateTimeOffset due) => "daily:" + due.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
