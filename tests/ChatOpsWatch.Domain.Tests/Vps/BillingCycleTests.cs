using ChatOpsWatch.Domain.Vps;

namespace ChatOpsWatch.Domain.Tests.Vps;

public sealed class BillingCycleTests
{
    private static DateTimeOffset Utc(int y, int m, int d, int h = 0) => new(y, m, d, h, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(2026, 11, 24, 15, 2026, 11, 15)] // after the day: this month's
    [InlineData(2026, 11, 10, 15, 2026, 10, 15)] // before the day: last month's
    [InlineData(2026, 11, 15, 15, 2026, 11, 15)] // on the day, from midnight
    [InlineData(2026, 1, 5, 15, 2025, 12, 15)]   // across the year
    [InlineData(2027, 3, 1, 31, 2027, 2, 28)]    // day 31 in February starts on its last day
    [InlineData(2027, 3, 31, 31, 2027, 3, 31)]
    public void StartOf_DayOfMonth_GivesTheCurrentCycleStart(int y, int m, int d, int day, int sy, int sm, int sd) =>
        Assert.Equal(Utc(sy, sm, sd), BillingCycle.StartOf(Utc(y, m, d, 12), day));
}
