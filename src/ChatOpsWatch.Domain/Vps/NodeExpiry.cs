namespace ChatOpsWatch.Domain.Vps;

/// <summary>Days until a node's paid period ends, counted in whole UTC calendar days.</summary>
public static class NodeExpiry
{
    public static int DaysLeft(DateOnly expiresOn, DateTimeOffset now) =>
        expiresOn.DayNumber - DateOnly.FromDateTime(now.UtcDateTime).DayNumber;

    public static IEnumerable<KeyValuePair<string, double>> Metrics(DateOnly expiresOn, int reminderDays, DateTimeOffset now)
    {
        var days = DaysLeft(expiresOn, now);
        yield return new(TrafficMetrics.ExpiryDays, days);
        yield return new(TrafficMetrics.ExpiryReminder, days <= reminderDays ? 1 : 0);
    }
}
