using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Domain.Reports;
using ChatOpsWatch.Domain.Text;

namespace ChatOpsWatch.Domain.Tests.Reports;

public sealed class DailyReportTests
{
    private static readonly DateTimeOffset To = new(2026, 11, 24, 8, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset From = To.AddDays(-1);

    private static ReportInput Input() => new(
        From,
        To,
        [new("web-1", 2880, 2880), new("db-1", 2880, 2736), new("edge-1", 288, 286)],
        [
            new("db-1", "cpu", Severity.Critical, From.AddHours(3), From.AddHours(3).AddMinutes(23)),
            new("db-1", "cpu", Severity.Warning, From.AddHours(5), From.AddHours(5).AddMinutes(4)),
            new("web-1", "cpu", Severity.Warning, From.AddHours(9), From.AddHours(9).AddMinutes(2)),
            new("edge-1", "disk", Severity.Warning, From.AddHours(20), null),
        ],
        [new("web-1", ExpiryKind.PaidPeriod, null, 5.4), new("db-1", ExpiryKind.TlsCertificate, "check=shop", 45), new("edge-1", ExpiryKind.TlsCertificate, "check=<api>", -2)]);

    [Fact]
    public void Format_WithTheMonitorsHeartbeat_EndsWithItsUptimeLastPollPollsAndOutbox()
    {
        var input = Input() with { Monitor = new MonitorHeartbeat(To.AddDays(-3).AddHours(-4), To.AddSeconds(-12), 2, To.AddMinutes(-3)) };

        var en = DailyReport.Format(input, TextCatalog.English).Split('\n')[^1];
        var zh = DailyReport.Format(input, TextCatalog.Chinese).Split('\n')[^1];

        Assert.Equal("💓 <b>Monitor</b>: running 76h (since 2026-11-21 04:00 UTC) · last poll 12s ago · 5902/6048 polls stored · outbox: 2 waiting, oldest 3m", en);
        Assert.Equal("💓 <b>监控自身</b>：已运行 76h（自 2026-11-21 04:00 UTC 起） · 最近一次轮询在 12s 前 · 已存储 5902/6048 次轮询 · 发件箱：2 条待发，最早的已等待 3m", zh);
        Assert.DoesNotContain("💓", DailyReport.Format(Input(), TextCatalog.English), StringComparison.Ordinal); // no heartbeat known, no line
    }

    [Fact]
    public void Format_Day_ListsUptimeWorstFirstWithCounts()
    {
        var text = DailyReport.Format(Input(), TextCatalog.English);

        Assert.Contains("2026-11-23 08:00 UTC – 2026-11-24 08:00 UTC", text, StringComparison.Ordinal);
        Assert.Contains("🔴 db-1: 95.00 % (2736/2880)", text, StringComparison.Ordinal);
        Assert.Contains("🟢 web-1: 100 % (2880/2880)", text, StringComparison.Ordinal);
        Assert.True(text.IndexOf("db-1: 95", StringComparison.Ordinal) < text.IndexOf("edge-1: 99", StringComparison.Ordinal));
        Assert.True(text.IndexOf("edge-1: 99", StringComparison.Ordinal) < text.IndexOf("web-1: 100", StringComparison.Ordinal));
    }

    [Fact]
    public void Format_Day_ListsIncidentsWithDurationsAndTheOpenOne()
    {
        var text = DailyReport.Format(Input(), TextCatalog.English);

        Assert.Contains("<b>Incidents</b>: 4 (1 critical, 1 still open)", text, StringComparison.Ordinal);
        Assert.Contains("🔴 db-1 · cpu · 2026-11-23 11:00 UTC · lasted 23m", text, StringComparison.Ordinal);
        Assert.Contains("edge-1 · disk · 2026-11-24 04:00 UTC · open for 4h", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Format_Day_RanksRulesByEpisodesAndCountsTheOnesThatWentAwayAlone()
    {
        var text = DailyReport.Format(Input(), TextCatalog.English);

        Assert.Contains("• cpu: 3 episodes on 2 nodes, 2 gone by themselves within 10 min", text, StringComparison.Ordinal);
        Assert.Contains("• disk: 1 episode on 1 node, 0 gone by themselves within 10 min", text, StringComparison.Ordinal);
        Assert.True(text.IndexOf("• cpu", StringComparison.Ordinal) < text.IndexOf("• disk", StringComparison.Ordinal));
    }

    [Fact]
    public void Format_Day_ListsOnlyExpiriesWithin30DaysSoonestFirstEscaped()
    {
        var text = DailyReport.Format(Input(), TextCatalog.English);

        Assert.Contains("edge-1 · TLS certificate check=&lt;api&gt;: expired 2 days ago", text, StringComparison.Ordinal);
        Assert.Contains("⏰ web-1 · paid period: in 5 days", text, StringComparison.Ordinal);
        Assert.DoesNotContain("check=shop", text, StringComparison.Ordinal);
        Assert.True(text.IndexOf("edge-1 · TLS", StringComparison.Ordinal) < text.IndexOf("web-1 · paid", StringComparison.Ordinal));
    }

    [Fact]
    public void Format_InChinese_UsesTheChineseCatalogue()
    {
        var text = DailyReport.Format(Input(), TextCatalog.Chinese);

        Assert.Contains("每日报告", text, StringComparison.Ordinal);
        Assert.Contains("持续 23m", text, StringComparison.Ordinal);
        Assert.Contains("服务期", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Format_InChinese_ShowsRuleIdsAsCodeNotAsEnglishWords()
    {
        var text = DailyReport.Format(Input(), TextCatalog.Chinese);

        Assert.Contains("🔴 db-1 · <code>cpu</code> · 2026-11-23 11:00 UTC · 持续 23m", text, StringComparison.Ordinal);
        Assert.Contains("• <code>cpu</code>：", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Format_QuietFleet_SaysSoInsteadOfEmptySections()
    {
        var text = DailyReport.Format(new ReportInput(From, To, [], [], []), TextCatalog.English);

        Assert.Contains("No nodes are monitored.", text, StringComparison.Ordinal);
        Assert.Contains("No alerts in this period.", text, StringComparison.Ordinal);
        Assert.Contains("Nothing expires soon.", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2026-11-24T07:59:59Z", "2026-11-23T08:00:00Z", "2026-11-24T08:00:00Z")]
    [InlineData("2026-11-24T08:00:00Z", "2026-11-24T08:00:00Z", "2026-11-25T08:00:00Z")]
    [InlineData("2026-11-24T23:00:00Z", "2026-11-24T08:00:00Z", "2026-11-25T08:00:00Z")]
    public void Schedule_AroundTheDailyTime_GivesLatestAndNextDue(string now, string latest, string next)
    {
        var at = new TimeOnly(8, 0);
        var n = DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(DateTimeOffset.Parse(latest, System.Globalization.CultureInfo.InvariantCulture), ReportSchedule.LatestDue(n, at));
        Assert.Equal(DateTimeOffset.Parse(next, System.Globalization.CultureInfo.InvariantCulture), ReportSchedule.NextDue(n, at));
        Assert.StartsWith("daily:2026-11-2", ReportSchedule.Period(ReportSchedule.LatestDue(n, at)), StringComparison.Ordinal);
    }
}
