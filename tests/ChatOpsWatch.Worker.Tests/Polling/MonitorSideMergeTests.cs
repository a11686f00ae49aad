using ChatOpsWatch.Domain.Nodes;
using ChatOpsWatch.Domain.Ports;
using ChatOpsWatch.Domain.Samples;
using ChatOpsWatch.Worker.Configuration;
using ChatOpsWatch.Worker.Polling;

namespace ChatOpsWatch.Worker.Tests.Polling;

public sealed class MonitorSideMergeTests
{
    private static readonly DateTimeOffset T0 = new(2027, 1, 20, 12, 0, 0, TimeSpan.Zero);

    private static NodeRuntime Runtime(VpsPlan plan) => new(
        new NodeConfig(new NodeInfo("vps1", "p", "r", NodeRole.Core, TimeSpan.FromSeconds(30)), null, Checks: NodeChecks.Default with { Plan = plan }),
        new NeverRunner());

    private static Sample At(int seconds, double rxPerSecond) => new("vps1", T0.AddSeconds(seconds), new Dictionary<string, double>
    {
        ["cpu.busy_pct"] = 5,
        ["net.rx_bytes_per_s{iface=eth0}"] = rxPerSecond,
    });

    private static MonitorSideResult Side(params string[] addresses) =>
        new(new Dictionary<string, double> { ["net.loss_pct{method=tcp,port=22}"] = 20 }, addresses);

    [Fact]
    public void Merge_AddressChangesOnce_IpChangedOnThatPollOnly()
    {
        var runtime = Runtime(VpsPlan.None);

        var first = MonitorSideMerge.Merge(At(0, 0), Side("203.0.113.5"), runtime);
        var changed = MonitorSideMerge.Merge(At(30, 0), Side("198.51.100.7"), runtime);
        var after = MonitorSideMerge.Merge(At(60, 0), Side("198.51.100.7"), runtime);

        Assert.Equal([0, 1, 0], new[] { first, changed, after }.Select(s => s.Get("node.ip_changed")));
        Assert.Equal(20, changed.Get("net.loss_pct{method=tcp,port=22}"));
        Assert.Equal(5, changed.Get("cpu.busy_pct"));
    }

    [Fact]
    public void Merge_DnsFailed_KeepsTheLastAddressesSoTheChangeIsSeenLater()
    {
        var runtime = Runtime(VpsPlan.None);
        MonitorSideMerge.Merge(At(0, 0), Side("203.0.113.5"), runtime);

        var failed = MonitorSideMerge.Merge(At(30, 0), new MonitorSideResult(new Dictionary<string, double>(), null), runtime);
        var back = MonitorSideMerge.Merge(At(60, 0), Side("198.51.100.7"), runtime);

        Assert.Null(failed.Get("node.ip_changed"));
        Assert.Equal(1, back.Get("node.ip_changed"));
    }

    [Fact]
    public void Merge_RatesOverPolls_AccumulatesTrafficAgainstTheQuota()
    {
        var runtime = Runtime(new VpsPlan(null, 14, TrafficQuotaGb: 0.000_001, BillingDay: 1)); // 1000 bytes

        MonitorSideMerge.Merge(At(0, 10), MonitorSideResult.Empty, runtime);
        var s = MonitorSideMerge.Merge(At(30, 10), MonitorSideResult.Empty, runtime);

        Assert.Equal(300, s.Get("traffic.cycle_used_bytes"));
        Assert.Equal(30, s.Get("traffic.quota_used_pct")!.Value, 6);
    }

    [Fact]
    public void Merge_RebootPollWithoutRates_SkipsThatIntervalInsteadOfDoubleCounting()
    {
        var runtime = Runtime(VpsPlan.None);
        MonitorSideMerge.Merge(At(0, 10), MonitorSideResult.Empty, runtime);
        MonitorSideMerge.Merge(new Sample("vps1", T0.AddSeconds(30), new Dictionary<string, double>()), MonitorSideResult.Empty, runtime);

        var s = MonitorSideMerge.Merge(At(60, 10), MonitorSideResult.Empty, runtime);

        Assert.Equal(300, s.Get("traffic.cycle_used_bytes")); // only 30..60 s, not 0..60 s
    }

    [Fact]
    public void Merge_ExpiresOn_ReportsDaysAndReminder()
    {
        var s = MonitorSideMerge.Merge(At(0, 0), MonitorSideResult.Empty, Runtime(new VpsPlan(new DateOnly(2027, 1, 31), 14, null, 1)));

        Assert.Equal(11, s.Get("node.expiry_days"));
        Assert.Equal(1, s.Get("node.expiry_reminder"));
    }

    private sealed class NeverRunner : IProbeRunner
    {
        public Task<ProbeRun> RunAsync(CancellationToken ct) => throw new InvalidOperationException("not polled in these tests");
    }
}
