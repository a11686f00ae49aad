using ChatOpsWatch.Domain.Probing;
using ChatOpsWatch.Domain.Samples;
using ChatOpsWatch.Domain.Vps;

namespace ChatOpsWatch.Domain.Tests.Vps;

public sealed class TrafficAccountTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    private static Dictionary<string, double> Rates(double rx, double tx, string iface = "eth0") => new()
    {
        [MetricKey.Format(SystemMetricNames.NetRxBytesPerSecond, ("iface", iface))] = rx,
        [MetricKey.Format(SystemMetricNames.NetTxBytesPerSecond, ("iface", iface))] = tx,
    };

    [Fact]
    public void Step_RatesOverTime_AddsRateTimesElapsedForEveryInterface()
    {
        var values = Rates(1000, 500);
        foreach (var (k, v) in Rates(100, 100, "eth1"))
        {
            values[k] = v;
        }

        var a = TrafficAccount.Step(null, values, T0, 1);
        a = TrafficAccount.Step(a, values, T0.AddSeconds(30), 1);
        a = TrafficAccount.Step(a, values, T0.AddSeconds(60), 1);

        Assert.Equal(1700 * 60, a.UsedBytes);
    }

    [Fact]
    public void Step_LoopbackAndNegativeRates_AreNotTraffic()
    {
        var values = Rates(1000, 0);
        values["net.rx_bytes_per_s{iface=lo}"] = 1e9;
        values["net.tx_bytes_per_s{iface=eth1}"] = -5e9; // a counter reset seen as a negative delta

        var a = TrafficAccount.Step(TrafficAccount.Step(null, values, T0, 1), values, T0.AddSeconds(10), 1);

        Assert.Equal(10_000, a.UsedBytes);
    }

    [Fact]
    public void Step_IntervalAcrossTheCycleStart_CountsOnlyThePartAfterIt()
    {
        var beforeMidnight = new DateTimeOffset(2026, 11, 30, 23, 59, 30, TimeSpan.Zero);
        var a = TrafficAccount.Step(null, Rates(100, 0), beforeMidnight.AddDays(-1), 1);
        a = TrafficAccount.Step(a, Rates(100, 0), beforeMidnight, 1);
        Assert.Equal(100 * 86400, a.UsedBytes);

        a = TrafficAccount.Step(a, Rates(100, 0), beforeMidnight.AddSeconds(60), 1); // 30 s before, 30 s after

        Assert.Equal(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero), a.CycleStart);
        Assert.Equal(3000, a.UsedBytes, 6);
    }

    [Fact]
    public void Step_SameTimeTwice_DoesNotCountTwice()
    {
        var a = TrafficAccount.Step(TrafficAccount.Step(null, Rates(10, 10), T0, 1), Rates(10, 10), T0.AddSeconds(5), 1);

        Assert.Equal(a, TrafficAccount.Step(a, Rates(10, 10), T0.AddSeconds(5), 1));
    }

    [Fact]
    public void Metrics_WithQuota_GivesUsedBytesAndPercentOfQuota()
    {
        var values = new TrafficAccount(T0, 250e9, T0).Metrics(1000).ToDictionary();

        Assert.Equal(250e9, values["traffic.cycle_used_bytes"]);
        Assert.Equal(25, values["traffic.quota_used_pct"], 9);
        Assert.False(new TrafficAccount(T0, 1, T0).Metrics(null).ToDictionary().ContainsKey("traffic.quota_used_pct"));
    }

    [Fact]
    public void Resume_FromLastStoredSample_ContinuesTheCount()
    {
        var last = new Sample("n", T0, new Dictionary<string, double> { ["traffic.cycle_used_bytes"] = 5000 });

        var a = TrafficAccount.Step(TrafficAccount.Resume(last, 1), Rates(100, 0), T0.AddSeconds(10), 1);

        Assert.Equal(6000, a.UsedBytes);
    }

    [Fact]
    public void Step_NoRatesAcrossTheCycleStart_StartsTheNewCycleFromZero()
    {
        var resumed = new TrafficAccount(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero), 7e9, new DateTimeOffset(2026, 11, 30, 23, 0, 0, TimeSpan.Zero));

        var a = TrafficAccount.Step(resumed, new Dictionary<string, double>(), new DateTimeOffset(2026, 12, 1, 1, 0, 0, TimeSpan.Zero), 1);

        Assert.Equal(0, a.UsedBytes);
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero), a.CycleStart);
    }
}
