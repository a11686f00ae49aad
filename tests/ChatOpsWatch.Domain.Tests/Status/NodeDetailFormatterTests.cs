using ChatOpsWatch.Domain.Status;
using ChatOpsWatch.Domain.Text;

namespace ChatOpsWatch.Domain.Tests.Status;

public sealed class NodeDetailFormatterTests
{
    [Fact]
    public void Format_OnlySystemIndicators_LeavesOutTheLayersItDidNotReport()
    {
        var text = NodeDetailFormatter.Format(SomeFleet.Healthy("tokyo-1", ageSeconds: 25), SomeFleet.Now, TextCatalog.English);

        Assert.Contains("<b>System</b>\n  CPU 12 % (user ? · system ? · iowait ? · steal ?) · ? cores\n  load 0.52 / ? / ?\n  memory 41 % · swap none", text, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>Network</b>", text, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>Application</b>", text, StringComparison.Ordinal);
        Assert.EndsWith("<b>Open alerts</b>\n  none", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Format_InChinese_UsesTheCatalogue()
    {
        var text = NodeDetailFormatter.Format(SomeFleet.Healthy("tokyo-1", ageSeconds: 25), SomeFleet.Now, TextCatalog.Chinese);

        Assert.Contains("最近一次轮询：25 秒前（2025-03-01 11:59:35 UTC）", text, StringComparison.Ordinal);
        Assert.Contains("磁盘 /data（数据盘）71 %", text, StringComparison.Ordinal);
        Assert.Contains("<b>未解决的告警</b>\n  无", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Format_NodeWithoutSample_SaysNoDataYetAndStillListsAlerts()
    {
        var text = NodeDetailFormatter.Format(SomeFleet.NoData("fresh"), SomeFleet.Now, TextCatalog.English);

        Assert.StartsWith("⚪ <b>fresh</b> · hetzner/fsn1/core · unknown\nno data yet", text, StringComparison.Ordinal);
    }
}
