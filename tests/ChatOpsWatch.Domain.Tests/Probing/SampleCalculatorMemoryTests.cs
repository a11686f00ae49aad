using ChatOpsWatch.Domain.Probing;
using ChatOpsWatch.Domain.Samples;

namespace ChatOpsWatch.Domain.Tests.Probing;

public sealed class SampleCalculatorMemoryTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 24, 20, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Compute_NodeWithoutSwap_ReportsMemoryFromAvailableAndNoSwap()
    {
        var sample = SampleCalculator.Compute("web-1", null, ProbeFixtures.Snapshot(ProbeFixtures.Debian12), At);

        Assert.Equal(100.0 * (24684084 - 24336340) / 24684084, sample.Get(MetricNames.MemUsedPct));
        Assert.Null(sample.Get(MetricNames.SwapUsedPct));
    }

    [Fact]
    public void Compute_NodeWithSwap_ReportsSwapInUse()
    {
        var sample = SampleCalculator.Compute("old-1", null, ProbeFixtures.Snapshot(ProbeFixtures.OldKernelSwap), At);

        Assert.Equal(100.0 * (2097148 - 1572860) / 2097148, sample.Get(MetricNames.SwapUsedPct));
        Assert.Equal(100.0 * (24684084 - 24515140) / 24684084, sample.Get(MetricNames.MemUsedPct));
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1000, 2000)]
    [InlineData(1000, -1)]
    public void Compute_ImpossibleMemoryReading_LeavesMemoryOut(long total, long available)
    {
        var snapshot = ProbeFixtures.Snapshot(ProbeFixtures.Debian12) with { Memory = new MemoryInfo(total, available, 0, 0) };

        var sample = SampleCalculator.Compute("web-1", null, snapshot, At);

        Assert.Null(sample.Get(MetricNames.MemUsedPct));
    }

    [Fact]
    public void Compute_SectionsUnavailable_LeavesTheirMetricsOutInsteadOfZero()
    {
        var snapshot = new ProbeSnapshot { FormatVersion = 1 };

        var sample = SampleCalculator.Compute("web-1", snapshot, snapshot, At);

        Assert.Empty(sample.Values);
    }
}
