namespace ChatOpsWatch.Domain.Vps;

/// <summary>
/// Monthly billing cycles starting on a day of the month (1-31) at 00:00 UTC. In a month shorter
/// than the day, the cycle starts on its last day (a cycle day of 31 starts on 28 Feb).
/// </summary>
public static class BillingCycle
{
    public static DateTimeOffset StartOf(DateTimeOffset now, int billingDay)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(billingDay, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(billingDay, 31);
        var utc = now.ToUniversalTime();
        var thisMonth = On(utc.Year, utc.Month, billingDay);
        if (utc >= thisMonth)
        {
            return thisMonth;
        }

        var previous = new DateTime(utc.Year, utc.Month, 1, 0, 0, 0, DateTimeKind.Utc).AddMonths(-1);
        return On(previous.Year, previous.Month, billingDay);
    }

    private static DateTimeOffset On(int year, int month, int day) =>
        new(year, month, Math.Min(day, DateTime.DaysInMonth(year, month)), 0, 0, 0, TimeSpan.Zero);
}
