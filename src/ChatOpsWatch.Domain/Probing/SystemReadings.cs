namespace ChatOpsWatch.Domain.Probing;

/// <summary>
/// One block device's /proc/diskstats counters since boot (format-2 probes). Sectors are 512 bytes;
/// times are milliseconds; <see cref="WeightedMs"/> is the time requests spent queued or in service,
/// summed over requests, so its rate is the average queue depth.
/// </summary>
public sealed record DiskIoCounters(
    string Device,
    long Reads,
    long ReadSectors,
    long ReadMs,
    long Writes,
    long WriteSectors,
    long WriteMs,
    long InFlight,
    long IoMs,
    long WeightedMs);

/// <summary>One network interface's /proc/net/dev counters since boot (lo is left out by the probe).</summary>
public sealed record NetCounters(string Interface, long RxBytes, long RxErrors, long RxDrops, long TxBytes, long TxErrors, long TxDrops);

/// <summary>From /proc/net/snmp: connections now established (or close-wait), and segment counters since boot.</summary>
public sealed record TcpCounters(long CurrentEstablished, long OutSegments, long RetransSegments);

/// <summary>A configured process name: how many processes have that name (/proc/PID/comm) and their summed VmRSS.</summary>
public sealed record ProcessUsage(string Name, int Count, long RssKiB);

/// <summary>A configured TCP port and whether anything listens on it, on any address.</summary>
public sealed record PortState(int Port, bool Listening);

/// <summary>The node-side readings that format 2 added; every part is null or empty when not reported.</summary>
public sealed record SystemReadings
{
    public static SystemReadings None { get; } = new();

    public IReadOnlyList<DiskIoCounters> DiskIo { get; init; } = [];

    public IReadOnlyList<NetCounters> Interfaces { get; init; } = [];

    public TcpCounters? Tcp { get; init; }

    /// <summary>TCP sockets in TIME_WAIT (/proc/net/sockstat tw).</summary>
    public long? TimeWait { get; init; }

    /// <summary>Processes killed by the OOM killer since boot (/proc/vmstat oom_kill; Linux 4.13+).</summary>
    public long? OomKills { get; init; }

    /// <summary>Failed systemd units; null where systemd does not run the node.</summary>
    public int? SystemdFailedUnits { get; init; }

    public IReadOnlyList<ProcessUsage> Processes { get; init; } = [];

    public IReadOnlyList<PortState> Ports { get; init; } = [];

    /// <summary>The whole numbers of each catalogue gauge section the probe printed (<see cref="ProbeSections"/>), by section name.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<long>> Gauges { get; init; } = new Dictionary<string, IReadOnlyList<long>>(StringComparer.Ordinal);
}
