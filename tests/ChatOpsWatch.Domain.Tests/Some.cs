using ChatOpsWatch.Domain.Nodes;
using ChatOpsWatch.Domain.Samples;

namespace ChatOpsWatch.Domain.Tests;

/// <summary>Test data with sensible defaults; tests name only what matters to them.</summary>
internal static class Some
{
    public static readonly DateTimeOffset T0 = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    public static NodeInfo Node(string name = "tokyo-1") => new(name, "vultr", "tokyo", NodeRole.Core, NodeInfo.CoreInterval);

    public static DateTimeOffset At(int minute) => T0.AddMinutes(minute);

    public static Sample Sample(int minute, double cpu = 10, double mem = 30, double rootDisk = 40, string node = "tokyo-1") => new(
        node,
        At(minute),
        new Dictionary<string, double>
        {
            [MetricNames.CpuBusyPct] = cpu,
            [MetricNames.MemUsedPct] = mem,
            [MetricNames.DiskUsed(DiskKind.System, "/")] = rootDisk,
        });
}
