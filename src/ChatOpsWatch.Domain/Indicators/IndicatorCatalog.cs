using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Domain.Network;
using ChatOpsWatch.Domain.Probing;
using ChatOpsWatch.Domain.Samples;
using ChatOpsWatch.Domain.Text;
using ChatOpsWatch.Domain.Vps;
using static ChatOpsWatch.Domain.Indicators.IndicatorKind;
using static ChatOpsWatch.Domain.Indicators.ValueFormat;

namespace ChatOpsWatch.Domain.Indicators;

/// <summary>
/// Every indicator, declared once: its unit, kind, labels, default rules, display and titles (issue 16). Default
/// rules, the probe's gauge sections, /chart's short names, /status lines and docs/indicators.md read it; a new
/// indicator with a default rule is one entry here, its lines in probe.sh, a fixture and a row of the docs table.
/// </summary>
public static class IndicatorCatalog
{
    public const string Bytes = "bytes";

    private static readonly string[] None = [];
    private static readonly string[] Iface = ["iface"];
    private static readonly string[] Device = ["device"];
    private static readonly string[] Mount = ["kind", "mount"];
    private static readonly string[] Check = ["check"];
    private static readonly string[] Stat = ["stat"];

    /// <summary>The catalogue, in the order docs/indicators.md lists it; the seed rules come out in this order too.</summary>
    public static IReadOnlyList<Indicator> All { get; } =
    [
        new(MetricNames.CpuBusyPct, "%", Percent, None, LearnedBaselineWithSeed(new("cpu", MetricNames.CpuBusyPct, "CPU", 70, 1, 85, 5), new("CPU", "CPU 使用率")), Grouped(Pct, "cpu"), new("CPU busy", "CPU 繁忙")),
        new(MetricNames.CpuUserPct, "%", Percent, None, IndicatorRules.LearnedBaseline, Grouped(Pct), new("CPU user", "CPU 用户态")),
        new(MetricNames.CpuSystemPct, "%", Percent, None, IndicatorRules.LearnedBaseline, Grouped(Pct), new("CPU system", "CPU 内核态")),
        new(MetricNames.CpuIowaitPct, "%", Percent, None, IndicatorRules.LearnedBaseline, Grouped(Pct), new("CPU I/O wait", "CPU 等待 I/O")),
        new(MetricNames.CpuStealPct, "%", Percent, None, IndicatorRules.LearnedBaseline, Grouped(Pct), new("CPU steal", "CPU 被宿主机占用")),

        // The substring rule this catalogue replaced gave every cpu.* series the learned baseline; kept so that no default changes.
        new(MetricNames.CpuIdlePct, "%", Percent, None, IndicatorRules.LearnedBaseline, Hidden(Pct), new("CPU idle", "CPU 空闲")),
        new(MetricNames.CpuCount, "count", Count, None, IndicatorRules.LearnedBaseline, Grouped(Num), new("CPUs", "CPU 核数")),
        new(MetricNames.Load1, "load", Level, None, IndicatorRules.ShiftOnly, Grouped(Num), new("Load (1 min)", "负载（1 分钟）")),
        new(MetricNames.Load5, "load", Level, None, IndicatorRules.ShiftOnly, Grouped(Num), new("Load (5 min)", "负载（5 分钟）")),
        new(MetricNames.Load15, "load", Level, None, IndicatorRules.ShiftOnly, Grouped(Num), new("Load (15 min)", "负载（15 分钟）")),
        new(MetricNames.MemUsedPct, "%", Percent, None, LearnedBaselineWithSeed(new("memory", MetricNames.MemUsedPct, "Memory", 80, 1, 90, 3), new("Memory", "内存使用率")), Grouped(Pct, "mem"), new("Memory used", "内存使用率")),
        new(MetricNames.SwapUsedPct, "%", Percent, None, IndicatorRules.ShiftOnly, Grouped(Pct, "swap"), new("Swap used", "交换区使用率")),
        new(MetricNames.DiskUsedPct, "%", Percent, Mount, IndicatorRules.FillLevel with { Seed = new("disk", MetricNames.DiskUsedPct, "Disk", 85, 1, 95, 1), SeedTitle = new("Disk", "磁盘使用率") }, Grouped(Pct), new("Disk used", "磁盘使用率")),
        new(ProbeMetricNames.DiskInodesUsedPct, "%", Percent, Mount, IndicatorRules.FillLevel, Grouped(Pct, "inodes"), new("Inodes used", "inode 使用率")),
        new(SystemMetricNames.DiskIoUtilPct, "%", Percent, Device, IndicatorRules.ShiftOnly, Grouped(Pct), new("Disk busy", "磁盘繁忙度")),
        new(SystemMetricNames.DiskIoReadAwaitMs, "ms", Latency, Device, IndicatorRules.IoTrend(20), Grouped(Ms), new("Read await", "读取等待")),
        new(SystemMetricNames.DiskIoWriteAwaitMs, "ms", Latency, Device, IndicatorRules.IoTrend(20), Grouped(Ms), new("Write await", "写入等待")),
        new(SystemMetricNames.DiskIoQueue, "requests", Level, Device, IndicatorRules.IoTrend(1), Grouped(Num), new("I/O queue", "磁盘读写队列")),
        new(SystemMetricNames.DiskIoReadIops, "/s", Rate, Device, IndicatorRules.ShiftOnly, Hidden(Num), new("Reads per second", "每秒读取次数")),
        new(SystemMetricNames.DiskIoWriteIops, "/s", Rate, Device, IndicatorRules.ShiftOnly, Hidden(Num), new("Writes per second", "每秒写入次数")),
        new(SystemMetricNames.DiskIoReadBytesPerSecond, "B/s", Rate, Device, IndicatorRules.ShiftOnly, Hidden(Size), new("Disk read rate", "磁盘读取速率")),
        new(SystemMetricNames.DiskIoWriteBytesPerSecond, "B/s", Rate, Device, IndicatorRules.ShiftOnly, Hidden(Size), new("Disk write rate", "磁盘写入速率")),
        new(SystemMetricNames.NetRxBytesPerSecond, "B/s", Rate, Iface, IndicatorRules.ShiftOnly, Hidden(Size), new("Received", "接收速率")),
        new(SystemMetricNames.NetTxBytesPerSecond, "B/s", Rate, Iface, IndicatorRules.ShiftOnly, Hidden(Size), new("Sent", "发送速率")),
        new(SystemMetricNames.NetRxErrors, "count per poll", Counter, Iface, IndicatorRules.ShiftOnly, Hidden(Num), new("Receive errors", "接收错误")),
        new(SystemMetricNames.NetTxErrors, "count per poll", Counter, Iface, IndicatorRules.ShiftOnly, Hidden(Num), new("Send errors", "发送错误")),
        new(SystemMetricNames.NetRxDrops, "count per poll", Counter, Iface, IndicatorRules.ShiftOnly, Hidden(Num), new("Receive drops", "接收丢包")),
        new(SystemMetricNames.NetTxDrops, "count per poll", Counter, Iface, IndicatorRules.ShiftOnly, Hidden(Num), new("Send drops", "发送丢包")),
        new(SystemMetricNames.TcpRetransPerSecond, "/s", Rate, None, IndicatorRules.ShiftOnly, Hidden(Num), new("TCP retransmits per second", "每秒 TCP 重传")),
        new(SystemMetricNames.TcpRetransPct, "%", Percent, None, IndicatorRules.ShiftOnly, Hidden(Pct), new("TCP retransmitted", "TCP 重传率")),
        new(SystemMetricNames.TcpConnections, "count", Count, None, IndicatorRules.ShiftOnly, Hidden(Num), new("TCP connections", "TCP 连接数")),
        new(SystemMetricNames.TcpTimeWait, "count", Count, None, IndicatorRules.ShiftOnly, Hidden(Num), new("TCP TIME-WAIT", "TCP TIME-WAIT 数")),
        new("net.conntrack_used_pct", "%", Percent, None, IndicatorRules.ShiftOnly with { Seed = new("conntrack", "net.conntrack_used_pct", "Conntrack table", 80, 1, 95, 1), SeedTitle = new("Conntrack table", "连接跟踪表") }, new(Pct, StatusPlacement.Line, "conntrack"), new("Conntrack table used", "连接跟踪表使用率"))
        {
            // At 100 % the kernel drops new connections ("nf_conntrack: table full, dropping packet").
            Probe = new ProbeGauge("conntrack", 2, v => v[1] > 0 ? Math.Min(100, 100.0 * v[0] / v[1]) : null),
        },
        new(SystemMetricNames.OomKills, "count per poll", Counter, None, IndicatorRules.ShiftOnly, Hidden(Num), new("OOM kills", "OOM 终止进程数")),
        new(SystemMetricNames.SystemdFailedUnits, "count", Count, None, IndicatorRules.ShiftOnly, Hidden(Num), new("Failed systemd units", "失败的 systemd 单元")),
        new(MetricNames.UptimeSeconds, "s", Level, None, IndicatorRules.ShiftOnly, Hidden(Num), new("Uptime", "运行时长")),
        new(SystemMetricNames.NodeRebooted, "0/1", Level, None, IndicatorRules.ShiftOnly, Hidden(Num), new("Rebooted", "已重启")),
        new(SystemMetricNames.NodeClockOffsetSeconds, "s", Level, None, IndicatorRules.ShiftOnly, Hidden(Num), new("Clock offset", "时钟偏差")),
        new(SystemMetricNames.NodeClockResolutionSeconds, "s", Level, None, IndicatorRules.ShiftOnly, Hidden(Num), new("Clock resolution", "时钟精度")),
        new(SystemMetricNames.ProcRunning, "0/1", Level, ["name"], Below(new("process", SystemMetricNames.ProcRunning, "Process", 0.5, 2, 0.5, 2), new("Process", "进程")), Grouped(Num), new("Process running", "进程运行中")),
        new(SystemMetricNames.ProcCount, "count", Count, ["name"], IndicatorRules.ShiftOnly, Grouped(Num), new("Processes", "进程数")),
        new(SystemMetricNames.ProcRssBytes, Bytes, Level, ["name"], IndicatorRules.ShiftOnly, Hidden(Size), new("Process memory", "进程内存")),
        new(SystemMetricNames.PortListening, "0/1", Level, ["port"], Below(new("port", SystemMetricNames.PortListening, "Port", 0.5, 2, 0.5, 2), new("Port", "端口")), Grouped(Num), new("Port listening", "端口监听中")),
        .. MonitorSide,
    ];

    /// <summary>What the monitor measures itself: network checks, HTTP checks, the VPS plan.</summary>
    private static Indicator[] MonitorSide =>
    [
        new(NetworkMetrics.IcmpRttMs, "ms", Latency, Stat, IndicatorRules.ShiftOnly, Grouped(Ms), new("Ping round trip", "Ping 往返时间")),
        new(NetworkMetrics.LossPct, "%", Percent, ["method", "port"], IndicatorRules.ShiftOnly with { Shift = false, Seed = new("loss", NetworkMetrics.LossPct, "Packet loss", 15, 1, 50, 1), SeedTitle = new("Packet loss", "丢包"), SeedWindow = TimeSpan.FromMinutes(10) }, Grouped(Pct, "loss"), new("Packet loss", "丢包率")),
        new(NetworkMetrics.IcmpPermitted, "0/1", Level, None, IndicatorRules.ShiftOnly, Grouped(Num), new("ICMP permitted", "允许 ICMP")),
        new(NetworkMetrics.TcpConnectMs, "ms", Latency, ["port", "stat"], IndicatorRules.ShiftOnly, Grouped(Ms), new("TCP connect time", "TCP 连接耗时")),
        new(NetworkMetrics.TcpOpen, "0/1", Level, ["port"], IndicatorRules.ShiftOnly, Hidden(Num), new("TCP port open", "TCP 端口可连")),
        new(NetworkMetrics.SshRttMs, "ms", Latency, Stat, IndicatorRules.ShiftOnly, Hidden(Ms), new("SSH round trip", "SSH 往返时间")),
        new(NetworkMetrics.DnsResolved, "0/1", Level, None, IndicatorRules.ShiftOnly, Hidden(Num), new("DNS resolved", "DNS 解析成功")),
        new(NetworkMetrics.IpChanged, "0/1", Level, None, IndicatorRules.ShiftOnly, Hidden(Num), new("Address changed", "地址已变更")),
        new(HttpMetrics.Up, "0/1", Level, Check, Below(new("http", HttpMetrics.Up, "HTTP check", 0.5, 2, 0.5, 2), new("HTTP check", "HTTP 检查")), Grouped(Num), new("HTTP check up", "HTTP 检查正常")),
        new(HttpMetrics.Status, "code", Level, Check, IndicatorRules.ShiftOnly, Grouped(Num), new("HTTP status", "HTTP 状态码")),
        new(HttpMetrics.LatencyMs, "ms", Latency, Check, IndicatorRules.ShiftOnly, Grouped(Ms), new("HTTP latency", "HTTP 延迟")),
        new(HttpMetrics.KeywordFound, "0/1", Level, Check, IndicatorRules.ShiftOnly, Hidden(Num), new("HTTP keyword found", "HTTP 关键字已找到")),
        new(HttpMetrics.TlsDaysLeft, "days", Level, Check, Below(new("tls", HttpMetrics.TlsDaysLeft, "TLS certificate", 14, 1, 3, 1), new("TLS certificate", "站点证书")), Grouped(Num), new("Certificate days left", "证书剩余天数")),
        new(HttpMetrics.TlsValid, "0/1", Level, Check, IndicatorRules.ShiftOnly, Hidden(Num), new("Certificate valid", "证书有效")),
        new(HttpMetrics.Timeout, "0/1", Level, Check, IndicatorRules.ShiftOnly, Hidden(Num), new("HTTP timed out", "HTTP 超时")),
        new(HttpMetrics.Error, "0/1", Level, Check, IndicatorRules.ShiftOnly, Hidden(Num), new("HTTP error", "HTTP 错误")),
        new(TrafficMetrics.CycleUsedBytes, Bytes, Level, None, IndicatorRules.ShiftOnly, Hidden(Size), new("Traffic this cycle", "本周期流量")),
        new(TrafficMetrics.QuotaUsedPct, "%", Percent, None, IndicatorRules.ShiftOnly, Hidden(Pct), new("Traffic quota used", "流量配额使用率")),
        new(TrafficMetrics.ExpiryDays, "days", Level, None, IndicatorRules.ShiftOnly, Hidden(Num), new("Days until expiry", "距到期天数")),
        new(TrafficMetrics.ExpiryReminder, "0/1", Level, None, IndicatorRules.ShiftOnly, Hidden(Num), new("Expiry reminder", "到期提醒")),
    ];

    private static readonly Lazy<Dictionary<string, Indicator>> ByName = new(() => All.ToDictionary(i => i.Name, StringComparer.Ordinal));

    /// <summary>The indicator of a series name or key (labels ignored); null for a series the catalogue does not know.</summary>
    public static Indicator? Find(string metric)
    {
        ArgumentNullException.ThrowIfNull(metric);
        return ByName.Value.GetValueOrDefault(MetricKey.NameOf(metric));
    }

    /// <summary>The threshold rules the product ships with (Alerts:Rules overrides them by id), in catalogue order.</summary>
    public static IReadOnlyList<ThresholdRule> Seeds { get; } = [.. All.Select(i => i.Rules.Seed).OfType<ThresholdRule>()];

    /// <summary>The indicators carried by a probe section of their own.</summary>
    public static IReadOnlyList<Indicator> Gauges { get; } = [.. All.Where(i => i.Probe is not null)];

    /// <summary>The catalogue's texts for <see cref="TextCatalog"/>: each indicator's title, and each seed rule's title (<c>reason.title.ID</c>).</summary>
    internal static IReadOnlyDictionary<string, TextEntry> Texts { get; } = new Dictionary<string, TextEntry>(
        All.Select(i => KeyValuePair.Create(i.TitleKey, i.Title))
            .Concat(All.Where(i => i.Rules.Seed is not null).Select(i => KeyValuePair.Create("reason.title." + i.Rules.Seed!.Id, i.Rules.SeedTitle!)))
            .Append(KeyValuePair.Create("indicator.line", new TextEntry("{0}: {1}", "{0}：{1}"))),
        StringComparer.Ordinal);

    /// <summary>
    /// A seed that fires below its levels, with no shift beside it: a 0/1 check an operator configured (a process, a
    /// listening port, an HTTP check: critical once it reads 0 on two polls in a row, since one poll may catch a restart;
    /// resolved on the first 1), or a certificate's days running out. Without a seed these were shown in /status and
    /// never paged; a shift on a 0/1 series or a countdown says nothing the rule does not.
    /// </summary>
    private static IndicatorRules Below(ThresholdRule seed, TextEntry title) =>
        IndicatorRules.ShiftOnly with { Shift = false, Seed = seed with { Direction = Engine.Direction.Below }, SeedTitle = title };

    private static IndicatorRules LearnedBaselineWithSeed(ThresholdRule seed, TextEntry title) =>
        IndicatorRules.LearnedBaseline with { Seed = seed, SeedTitle = title };

    private static IndicatorDisplay Grouped(ValueFormat format, string? shortName = null) => new(format, StatusPlacement.Grouped, shortName);

    private static IndicatorDisplay Hidden(ValueFormat format) => new(format);
}
