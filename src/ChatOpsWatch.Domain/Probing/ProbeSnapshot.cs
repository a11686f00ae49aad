namespace ChatOpsWatch.Domain.Probing;

/// <summary>
/// Everything one run of the node probe reported, as raw readings (counters, KiB). A section the
/// node could not report is null (or empty) and has a matching entry in <see cref="Unavailable"/>.
/// </summary>
public sealed record ProbeSnapshot
{
    public required int FormatVersion { get; init; }

    /// <summary>The node's own clock (to the millisecond where date has %N), to spot skew; not used for the sample's time.</summary>
    public DateTimeOffset? NodeClock { get; init; }

    /// <summary>The resolution of <see cref="NodeClock"/>: one second when the node's date printed no fraction (BusyBox).</summary>
    public TimeSpan NodeClockResolution { get; init; } = TimeSpan.FromMilliseconds(1);

    public double? UptimeSeconds { get; init; }

    /// <summary>The kernel's boot id: a different value between two polls means the node rebooted.</summary>
    public string? BootId { get; init; }

    public CpuTimes? Cpu { get; init; }

    public int? CpuCount { get; init; }

    public LoadAverage? Load { get; init; }

    public MemoryInfo? Memory { get; init; }

    public IReadOnlyList<MountUsage> Mounts { get; init; } = [];

    /// <summary>Disk I/O, network, TCP, OOM, systemd, processes and ports (format 2; empty for format 1).</summary>
    public SystemReadings System { get; init; } = SystemReadings.None;

    public IReadOnlyList<ProbeUnavailable> Unavailable { get; init; } = [];
}

/// <summary>The aggregate cpu line of /proc/stat, in clock ticks since boot.</summary>
public sealed record CpuTimes(long User, long Nice, long System, long Idle, long Iowait, long Irq, long Softirq, long Steal);

public sealed record LoadAverage(double One, double Five, double Fifteen);

/// <summary>From /proc/meminfo, in KiB. Available falls back to MemFree+Buffers+Cached on kernels before 3.14.</summary>
public sealed record MemoryInfo(long TotalKiB, long AvailableKiB, long SwapTotalKiB, long SwapFreeKiB);

/// <summary>
/// One mounted filesystem as df reports it, in KiB. <see cref="FsType"/> is null when the mount was
/// not found in /proc/mounts; <see cref="Inodes"/> is null when df -i is not supported.
/// </summary>
public sealed record MountUsage(string Mount, string? FsType, string Device, long SizeKiB, long UsedKiB, long AvailKiB, InodeUsage? Inodes);

public sealed record InodeUsage(long Total, long Used, long Free);

/// <summary>A section the node could not report, and why (as the probe put it).</summary>
public sealed record ProbeUnavailable(string Section, string Reason);
