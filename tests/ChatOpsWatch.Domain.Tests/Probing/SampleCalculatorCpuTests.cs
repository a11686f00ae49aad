using ChatOpsWatch.Domain.Probing;
using ChatOpsWatch.Domain.Samples;

namespace ChatOpsWatch.Domain.Tests.Probing;

public sealed class SampleCalculatorCpuTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 24, 20, 0, 0, TimeSpan.Zero);

    private static readonly string[] CpuKeys =
    [
        MetricNames.CpuBusyPct, MetricNames.CpuUserPct, MetricNames.CpuSystemPct,
        MetricNames.CpuIowaitPct, MetricNames.CpuStealPct, MetricNames.CpuIdlePct,
    ];

    private static readonly ProbeSnapshot Before = ProbeFixtures.Snapshot(ProbeFixtures.Debian12);

    [Fact]
    public void Compute_TwoRealPollsWithOneCoreBusy_GivesHalfTheMachineBusy()
    {
        var after = ProbeFixtures.Snapshot(ProbeFixtures.Debian12Later);

        var sample = SampleCalculator.Compute("web-1", Before, after, At);

        // Ticks between the captures: user 201, system 5, iowait 1, idle 195 (one of two cores spinning).
        Assert.Equal(100.0 * 207 / 402, sample.Get(MetricNames.CpuBusyPct)!.Value, 9);
        Assert.Equal(100.0 * 201 / 402, sample.Get(MetricNames.CpuUserPct)!.Value, 9);
        Assert.Equal(100.0 * 1 / 402, sample.Get(MetricNames.CpuIowaitPct)!.Value, 9);
        Assert.Equal(100.0 * 195 / 402, sample.Get(MetricNames.CpuIdlePct)!.Value, 9);
        Assert.Equal(0, sample.Get(MetricNames.CpuStealPct));
    }

    [Fact]
    public void Compute_EveryKindOfTick_SplitsIntoPartsThatAddUpTo100()
    {
        var previous = Before with { Cpu = new CpuTimes(100, 0, 50, 1000, 0, 0, 0, 0) };
        var current = Before with { Cpu = new CpuTimes(130, 10, 70, 1100, 20, 5, 5, 10) };

        var sample = SampleCalculator.Compute("web-1", previous, current, At);

        Assert.Equal(20, sample.Get(MetricNames.CpuUserPct)); // user 30 + nice 10 of 200 ticks
        Assert.Equal(15, sample.Get(MetricNames.CpuSystemPct)); // system 20 + irq 5 + softirq 5
        Assert.Equal(10, sample.Get(MetricNames.CpuIowaitPct));
        Assert.Equal(5, sample.Get(MetricNames.CpuStealPct));
        Assert.Equal(50, sample.Get(MetricNames.CpuIdlePct));
        Assert.Equal(50, sample.Get(MetricNames.CpuBusyPct));
    }

    [Fact]
    public void Compute_FirstPoll_HasNoCpuPercentagesButEverythingElse()
    {
        var sample = SampleCalculator.Compute("web-1", null, Before, At);

        Assert.DoesNotContain(sample.Values.Keys, CpuKeys.Contains);
        Assert.Equal(2, sample.Get(MetricNames.CpuCount));
        Assert.Equal(2.53, sample.Get(MetricNames.Load1));
        Assert.Equal(1.64, sample.Get(MetricNames.Load5));
        Assert.Equal(0.81, sample.Get(MetricNames.Load15));
        Assert.Equal(1922.03, sample.Get(MetricNames.UptimeSeconds));
        Assert.Equal(("web-1", At), (sample.Node, sample.At));
    }

    [Fact]
    public void Compute_BootIdChanged_HasNoCpuPercentagesAndNothingNegative()
    {
        var afterReboot = Before with
        {
            BootId = "5b1d7c0e-0000-4000-8000-000000000001",
            UptimeSeconds = 31.5,
            Cpu = new CpuTimes(900, 0, 400, 5000, 20, 0, 3, 0),
        };

        var sample = SampleCalculator.Compute("web-1", Before, afterReboot, At);

        Assert.DoesNotContain(sample.Values.Keys, CpuKeys.Contains);
        Assert.All(sample.Values.Values, v => Assert.InRange(v, 0, double.MaxValue));
        Assert.Equal(31.5, sample.Get(MetricNames.UptimeSeconds));
    }

    [Fact]
    public void Compute_UptimeWentDownWithoutBootId_IsTreatedAsAReboot()
    {
        var previous = Before with { BootId = null, Cpu = new CpuTimes(100, 0, 50, 1000, 0, 0, 0, 0) };
        var current = previous with { UptimeSeconds = 12, Cpu = new CpuTimes(200, 0, 60, 2000, 0, 0, 0, 0) };

        var sample = SampleCalculator.Compute("web-1", previous, current, At);

        Assert.DoesNotContain(sample.Values.Keys, CpuKeys.Contains);
    }

    [Fact]
    public void Compute_OneCounterWentBackwards_HasNoCpuPercentages()
    {
        var previous = Before with { Cpu = new CpuTimes(100, 0, 50, 1000, 40, 0, 0, 0) };
        var current = Before with { Cpu = new CpuTimes(150, 0, 60, 1100, 39, 0, 0, 0) }; // iowait 40 -> 39

        var sample = SampleCalculator.Compute("web-1", previous, current, At);

        Assert.DoesNotContain(sample.Values.Keys, CpuKeys.Contains);
    }

    [Fact]
    public void Compute_NoTickBetweenPolls_HasNoCpuPercentages()
    {
        var sample = SampleCalculator.Compute("web-1", Before, Before, At);

        Assert.DoesNotContain(sample.Values.Keys, CpuKeys.Contains);
    }

    [Fact]
    public void Compute_CpuUnavailableOnEitherPoll_HasNoCpuPercentages()
    {
        var later = ProbeFixtures.Snapshot(ProbeFixtures.Debian12Later);

        var fromMissing = SampleCalculator.Compute("web-1", Before with { Cpu = null }, later, At);
        var toMissing = SampleCalculator.Compute("web-1", Before, later with { Cpu = null }, At);

        Assert.DoesNotContain(fromMissing.Values.Keys, CpuKeys.Contains);
        Assert.DoesNotContain(toMissing.Values.Keys, CpuKeys.Contains);
    }
}
