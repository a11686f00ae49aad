namespace ChatOpsWatch.Domain.Samples;

/// <summary>Stable metric names and units. Rules, /status and charts refer to these.</summary>
public static class MetricNames
{
    /// <summary>Percent of CPU time not idle (includes iowait and steal) since the previous poll.</summary>
    public const string CpuBusyPct = "cpu.busy_pct";

    /// <summary>Whether a metric (name or key) is a percentage: by the house naming rule, every such name ends in <c>_pct</c>.</summary>
    public static bool IsPercent(string metric) => MetricKey.NameOf(metric ?? string.Empty).EndsWith("_pct", StringComparison.Ordinal);
    public const string CpuUserPct = "cpu.user_pct";
    public const string CpuSystemPct = "cpu.system_pct";
    public const string CpuIowaitPct = "cpu.iowait_pct";
    public const string CpuStealPct = "cpu.steal_pct";
    public const string CpuIdlePct = "cpu.idle_pct";
    public const string CpuCount = "cpu.count";
    public const string Load1 = "load.1";
    public const string Load5 = "load.5";
    public const string Load15 = "load.15";

    /// <summary>Percent of memory in use, from MemAvailable (not MemFree).</summary>
    public const string MemUsedPct = "mem.used_pct";

    /// <summary>Percent of swap in use; absent when the node has no swap.</summary>
    public const string SwapUsedPct = "swap.used_pct";

    /// <summary>Percent of a filesystem's blocks in use, as df reports it (used / (used + avail)). Labels: kind, mount.</summary>
    public const string DiskUsedPct = "disk.used_pct";

    public const string UptimeSeconds = "uptime.seconds";

    public static string DiskUsed(DiskKind kind, string mount) =>
        MetricKey.Format(DiskUsedPct, ("kind", kind == DiskKind.System ? "system" : "data"), ("mount", mount));
}
