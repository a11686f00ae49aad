using ChatOpsWatch.Domain.Samples;

namespace ChatOpsWatch.Domain.Probing;

/// <summary>Metrics the probe adds beyond <see cref="MetricNames"/>.</summary>
public static class ProbeMetricNames
{
    /// <summary>Percent of a filesystem's inodes in use, as df -i reports it. Labels: kind, mount.</summary>
    public const string DiskInodesUsedPct = "disk.inodes_used_pct";

    public static string DiskInodesUsed(DiskKind kind, string mount) =>
        MetricKey.Format(DiskInodesUsedPct, ("kind", kind == DiskKind.System ? "system" : "data"), ("mount", mount));
}
