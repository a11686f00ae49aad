using ChatOpsWatch.Domain.Maintenance;

namespace ChatOpsWatch.Domain.Tests.Maintenance;

public sealed class WeeklyCronTests
{
    [Theory]
    [InlineData("0 3 * * 0", 3, 0, new[] { DayOfWeek.Sunday })]
    [InlineData("30 22 * * 1-5", 22, 30, new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday })]
    [InlineData("5 0 * * 6,7", 0, 5, new[] { DayOfWeek.Saturday, DayOfWeek.Sunday })]
    public void Parse_Supported_GivesTimeAndDays(string text, int hour, int minute, DayOfWeek[] days)
    {
        var cron = WeeklyCron.Parse(text).Cron!;

        Assert.Equal(new TimeOnly(hour, minute), cron.Start);
        Assert.Equal(days.ToHashSet(), cron.Days);
    }

    [Theory]
    [InlineData("0 3 * *", "maint.cron.fields")]
    [InlineData("*/5 3 * * 0", "maint.cron.minute")]
    [InlineData("0 24 * * 0", "maint.cron.hour")]
    [InlineData("0 3 1 * *", "maint.cron.month")]
    [InlineData("0 3 * * mon", "maint.cron.weekdays")]
    [InlineData("0 3 * * 5-1", "maint.cron.weekdays")]
    public void Parse_Unsupported_IsRefusedWithItsReason(string text, string key) =>
        Assert.Equal(key, WeeklyCron.Parse(text).ProblemKey);
}
