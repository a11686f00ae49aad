using System.Globalization;
using ChatOpsWatch.Domain.Samples;

namespace ChatOpsWatch.Domain.Probing;

/// <summary>
/// Names and units of the format-2 node indicators (docs/indicators.md). Rates are per second of the
/// node's own uptime between two polls; "per poll" counts are what happened since the previous poll.
/// </summary>
public static class SystemMetricNames
{
    /// <summary>Percent of the interval the device had I/O in flight (iostat %util), 0-100. Label: device.</summary>
    public const string DiskIoUtilPct = "disk.io.util_pct";

    /// <summary>Average time per completed read, ms, queueing included (iostat r_await); 0 when none completed.</summary>
    public const string DiskIoReadAwaitMs = "disk.io.read_await_ms";

    public const string DiskIoWriteAwaitMs = "disk.io.write_await_ms";

    /// <summary>Average number of requests queued or in service (iostat aqu-sz).</summary>
    public const string DiskIoQueue = "disk.io.queue";

    public const string DiskIoReadIops = "disk.io.read_iops";
    public const string DiskIoWriteIops = "disk.io.write_iops";
    public const string DiskIoReadBytesPerSecond = "disk.io.read_bytes_per_s";
    public const string DiskIoWriteBytesPerSecond = "disk.io.write_bytes_per_s";

    /// <summary>Label: iface.</summary>
    public const string NetRxBytesPerSecond = "net.rx_bytes_per_s";
    public const string NetTxBytesPerSecond = "net.tx_bytes_per_s";

    /// <summary>Per poll. Label: iface.</summary>
    public const string NetRxErrors = "net.rx_errors";
    public const string NetTxErrors = "net.tx_errors";
    public const string NetRxDrops = "net.rx_drops";
    public const string NetTxDrops = "net.tx_drops";

    public const string TcpRetransPerSecond = "tcp.retrans_segs_per_s";

    /// <summary>Retransmitted segments as a percent of segments sent; absent when none were sent.</summary>
    public const string TcpRetransPct = "tcp.retrans_pct";

    /// <summary>TCP connections established or in close-wait now (/proc/net/snmp CurrEstab).</summary>
    public const string TcpConnections = "tcp.connections";

    public const string TcpTimeWait = "tcp.time_wait";

    /// <summary>Processes killed by the OOM killer since the previous poll.</summary>
    public const string OomKills = "oom.kills";

    public const string SystemdFailedUnits = "systemd.failed_units";

    /// <summary>1 on the first poll after the boot id changed (or uptime went down), else 0; absent on the first poll.</summary>
    public const string NodeRebooted = "node.rebooted";

    /// <summary>Node clock minus the monitor's clock when the output arrived, seconds; positive = node ahead.</summary>
    public const string NodeClockOffsetSeconds = "node.clock_offset_s";

    /// <summary>
    /// How finely the node reports its clock, seconds: 0.001 with <c>date +%N</c>, 1 where date gives whole seconds
    /// (BusyBox). An offset smaller than this is no finding; a whole-second clock is read at the middle of its second.
    /// </summary>
    public const string NodeClockResolutionSeconds = "node.clock_resolution_s";

    /// <summary>1 when at least one process has the configured name, else 0. Label: name.</summary>
    public const string ProcRunning = "proc.running";

    public const string ProcCount = "proc.count";
    public const string ProcRssBytes = "proc.rss_bytes";

    /// <summary>1 when something listens on the configured TCP port, else 0. Label: port.</summary>
    public const string PortListening = "port.listening";

    public static string Device(string name, string device) => MetricKey.Format(name, ("device", device));

    public static string Interface(string name, string iface) => MetricKey.Format(name, ("iface", iface));

    public static string Process(string name, string process) => MetricKey.Format(name, ("name", process));

    public static string Port(int port) => MetricKey.Format(PortListening, ("port", port.ToString(CultureInfo.InvariantCulture)));
}
