using ChatOpsWatch.Domain.Engine.Policy;
using ChatOpsWatch.Domain.Maintenance;

namespace ChatOpsWatch.Domain.Tests.Maintenance;

public sealed class MaintenancePlanTests
{
    private static readonly DateTimeOffset Saturday = new(2026, 11, 28, 23, 0, 0, TimeSpan.Zero);

    private static MaintenancePlan Weekly(string cron, TimeSpan duration) =>
        new("4", [new Matcher("node", "web-1")], new MaintenanceTiming.Weekly(WeeklyCron.Parse(cron).Cron!, duration), "@a (1)", "why", Saturday);

    [Fact]
    public void CurrentEnd_WeeklyWindowCrossingMidnight_IsTheOccurrenceInForce()
    {
        var plan = Weekly("30 23 * * 6", TimeSpan.FromHours(2)); // Saturday 23:30 to Sunday 01:30

        Assert.Null(plan.CurrentEnd(Saturday));
        Assert.Equal(Saturday.AddHours(2.5), plan.CurrentEnd(Saturday.AddHours(2)));
        Assert.Null(plan.CurrentEnd(Saturday.AddHours(2.5)));
    }

    [Fact]
    public void ToWindow_Weekly_MutesLikeTheEngineWindow()
    {
        var window = Weekly("0 3 * * 0", TimeSpan.FromHours(2)).ToWindow()!;
        var labels = new AlertLabels("web-1", "cpu", new Dictionary<string, string>());

        Assert.Equal("m4", window.Id);
        Assert.True(window.Covers(labels, Saturday.AddHours(5)));
        Assert.False(window.Covers(labels, Saturday.AddHours(6)));
    }
}
