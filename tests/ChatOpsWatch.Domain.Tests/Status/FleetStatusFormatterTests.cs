using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Domain.Ports;
using ChatOpsWatch.Domain.Samples;
using ChatOpsWatch.Domain.Status;
using ChatOpsWatch.Domain.Text;

namespace ChatOpsWatch.Domain.Tests.Status;

public sealed class FleetStatusFormatterTests
{
    private static readonly DateTimeOffset Now = SomeFleet.Now;

    [Fact]
    public void Format_MixedFleet_ListsWorstFirstThenByName()
    {
        NodeStatus[] fleet =
        [
            SomeFleet.Healthy("b-ok"),
            SomeFleet.Healthy("a-ok"),
            SomeFleet.NoData("new-node"),
            SomeFleet.Healthy("stale", ageSeconds: 600),
            SomeFleet.Firing("warn", Severity.Warning),
            SomeFleet.Firing("zz-crit", Severity.Critical),
            SomeFleet.Firing("aa-crit", Severity.Critical, ReachabilityEvaluator.RuleId, ReachabilityEvaluator.Series),
        ];

        var lines = FleetStatusFormatter.Format(fleet, Now, TextCatalog.English).Split('\n');

        Assert.Equal("<b>Fleet status</b>", lines[0]);
        Assert.Equal("7 nodes: 🔴 2 critical · 🟠 1 warning · 🟢 2 ok · ⚪ 2 unknown", lines[1]);
        string[] order = ["aa-crit", "zz-crit", "warn", "new-node", "stale", "a-ok", "b-ok"];
        Assert.Equal(order.Select(n => $"<b>{n}</b>"), lines.Skip(2).Select(l => l.Split(' ')[1]));
    }

    [Fact]
    public void Format_FleetOfOne_SaysNodeInTheSingular()
    {
        var lines = FleetStatusFormatter.Format([SomeFleet.Healthy("solo")], Now, TextCatalog.English).Split('\n');

        Assert.Equal("1 node: 🔴 0 critical · 🟠 0 warning · 🟢 1 ok · ⚪ 0 unknown", lines[1]);
    }

    [Fact]
    public void Format_HealthyNode_ShowsKeyMetricsAndSampleAge()
    {
        var text = FleetStatusFormatter.Format([SomeFleet.Healthy("tokyo-1", ageSeconds: 25)], Now, TextCatalog.English);

        Assert.EndsWith("🟢 <b>tokyo-1</b> cpu 12 % · mem 41 % · disk 71 % · load 0.52 · 25 s ago", text);
    }

    [Fact]
    public void Format_FiringAlerts_AreNamedOnTheNodeLine()
    {
        var disk = SomeFleet.Alert("db-1", Severity.Warning, "disk", MetricNames.DiskUsed(DiskKind.Data, "/data"), 91.4);
        var down = SomeFleet.Alert("db-1", Severity.Critical, ReachabilityEvaluator.RuleId, ReachabilityEvaluator.Series, 1);
        var status = SomeFleet.Healthy("db-1", ageSeconds: 3600) with { Firing = [disk, down] };

        var text = FleetStatusFormatter.Format([status], Now, TextCatalog.English);

        Assert.Contains("🔴 <b>db-1</b>", text);
        Assert.Contains("1 h 0 min ago (stale) — 🔴 unreachable, 🟠 disk /data 91 %", text);
    }

    [Fact]
    public void Format_NodeWithoutSample_SaysNoDataYet()
    {
        var text = FleetStatusFormatter.Format([SomeFleet.NoData("fresh")], Now, TextCatalog.English);

        Assert.EndsWith("⚪ <b>fresh</b> no data yet", text);
    }

    [Fact]
    public void Format_OutsideText_IsEscaped()
    {
        var evil = SomeFleet.Alert("n1", Severity.Warning, "<b>x&y</b>", MetricKey.Format("disk.used_pct", ("mount", "/<i>")), 90);
        var status = SomeFleet.Healthy("n1") with { Firing = [evil] };

        var text = FleetStatusFormatter.Format([status], Now, TextCatalog.English);

        Assert.Contains("&lt;b&gt;x&amp;y&lt;/b&gt; /&lt;i&gt; 90 %", text);
        Assert.DoesNotContain("<i>", text);
    }

    [Fact]
    public void Format_HugeFleet_StaysUnderTheLimitAndCountsTheRest()
    {
        var fleet = Enumerable.Range(0, 500).Select(i => SomeFleet.Healthy($"node-{i:D3}")).ToList();
        fleet.Add(SomeFleet.Firing("zz-burning", Severity.Critical));

        var text = FleetStatusFormatter.Format(fleet, Now, TextCatalog.English);

        Assert.True(text.Length <= FleetStatusFormatter.MaxLength, $"length {text.Length}");
        Assert.Contains("<b>zz-burning</b>", text);
        var shown = text.Split('\n').Count(l => l.Contains("<b>node-", StringComparison.Ordinal));
        Assert.EndsWith($"… and {500 - shown} more nodes", text);
        Assert.True(shown > 10);
    }

    [Fact]
    public void Format_FleetThatFits_HasNoTruncationLine()
    {
        var text = FleetStatusFormatter.Format([SomeFleet.Healthy("a"), SomeFleet.Healthy("b")], Now, TextCatalog.English);

        Assert.DoesNotContain("more nodes", text);
    }

    [Fact]
    public void Format_InChinese_CountsAndLinesComeFromTheCatalogue()
    {
        var text = FleetStatusFormatter.Format([SomeFleet.Healthy("a", ageSeconds: 25), SomeFleet.NoData("b")], Now, TextCatalog.Chinese);

        Assert.Contains("2 个节点：🔴 0 严重 · 🟠 0 警告 · 🟢 1 正常 · ⚪ 1 未知", text);
        Assert.Contains("25 秒前", text);
        Assert.Contains("⚪ <b>b</b> 尚无数据", text);
    }

    [Fact]
    public void Format_EmptyFleet_SaysNoNodes()
    {
        Assert.Contains("No nodes configured", FleetStatusFormatter.Format([], Now, TextCatalog.English));
    }
}
