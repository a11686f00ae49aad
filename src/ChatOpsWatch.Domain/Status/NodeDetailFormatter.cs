using System.Globalization;
using System.Text;
using ChatOpsWatch.Domain.Indicators;
using ChatOpsWatch.Domain.Network;
using ChatOpsWatch.Domain.Notifications;
using ChatOpsWatch.Domain.Ports;
using ChatOpsWatch.Domain.Probing;
using ChatOpsWatch.Domain.Samples;
using ChatOpsWatch.Domain.Text;

namespace ChatOpsWatch.Domain.Status;

/// <summary>
/// /node &lt;name&gt; and /status &lt;name&gt;: one node's latest indicators grouped by layer (network, system,
/// application), when it was last polled, and its open alerts. Indicators the node did not report are left out,
/// never shown as zero. Pure; outside text (mounts, devices, process and check names) is escaped.
/// </summary>
public static class NodeDetailFormatter
{
    public static string Format(NodeStatus status, DateTimeOffset now, TextCatalog text)
    {
        ArgumentNullException.ThrowIfNull(status);
        ArgumentNullException.ThrowIfNull(text);
        var health = NodeHealthRules.Classify(status, now);
        var sb = new StringBuilder(text.Format(
            "node.title", StatusText.Icon(health), Html.Escape(status.Node.Name), Html.Escape(status.Node.TagLine), StatusText.HealthName(health, text)));
        if (status.Node.LegacySshAllowed)
        {
            sb.Append('\n').Append(text["node.legacy_ssh"]);
        }

        if (status.Latest is not { } s)
        {
            sb.Append('\n').Append(text["status.no_data_yet"]);
        }
        else
        {
            sb.Append('\n').Append(text.Format("node.last_poll", StatusText.Ago(now - s.At, text), s.At.UtcDateTime));
            if (NodeHealthRules.IsStale(status, now))
            {
                sb.Append(' ').Append(text["status.stale"]);
            }

            Section(sb, text["node.section.network"], NodeLayers.Network(s, text));
            Section(sb, text["node.section.system"], NodeLayers.System(s, text));
            Section(sb, text["node.section.application"], NodeLayers.Application(s, text));
        }

        var alerts = StatusText.Firing(status.Firing)
            .Select(a => text.Format("node.alert", StatusText.AlertSummary(a, text), a.FiringSince?.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "?"))
            .ToList();
        Section(sb, text["node.section.alerts"], alerts.Count > 0 ? alerts : [text["node.alerts_none"]]);
        return sb.ToString();
    }

    private static void Section(StringBuilder sb, string title, List<string> lines)
    {
        if (lines.Count == 0)
        {
            return;
        }

        sb.Append("\n\n").Append(title);
        foreach (var line in lines)
        {
            sb.Append("\n  ").Append(line);
        }
    }
}

/// <summary>The lines of each layer of <see cref="NodeDetailFormatter"/>.</summary>
internal static class NodeLayers
{
    public static List<string> Network(Sample s, TextCatalog text)
    {
        var lines = new List<string>();
        foreach (var port in LabelValues(s, NetworkMetrics.TcpConnectMs, "port").Union(LabelValues(s, NetworkMetrics.TcpOpen, "port")))
        {
            string Tcp(string stat) => Ms(Find(s, NetworkMetrics.TcpConnectMs, ("port", port), ("stat", stat)));
            lines.Add(text.Format("node.net.tcp", Html.Escape(port), Tcp("avg"), Tcp("jitter"), StatusText.Pct(Find(s, NetworkMetrics.LossPct, ("method", "tcp"), ("port", port)))));
        }

        if (Find(s, NetworkMetrics.LossPct, ("method", "icmp")) is { } icmpLoss)
        {
            string Icmp(string stat) => Ms(Find(s, NetworkMetrics.IcmpRttMs, ("stat", stat)));
            lines.Add(text.Format("node.net.icmp", Icmp("avg"), Icmp("jitter"), StatusText.Pct(icmpLoss)));
        }

        if (s.Get(NetworkMetrics.IcmpPermitted) is { } icmp)
        {
            lines.Add(text.Format("node.net.method", icmp > 0 ? "ICMP" : "TCP"));
        }

        return lines;
    }

    public static List<string> System(Sample s, TextCatalog text)
    {
        var lines = new List<string>();
        if (s.Get(MetricNames.CpuBusyPct) is { } busy)
        {
            lines.Add(text.Format(
                "node.cpu", StatusText.Pct(busy), StatusText.Pct(s.Get(MetricNames.CpuUserPct)), StatusText.Pct(s.Get(MetricNames.CpuSystemPct)),
                StatusText.Pct(s.Get(MetricNames.CpuIowaitPct)), StatusText.Pct(s.Get(MetricNames.CpuStealPct)), StatusText.Num(s.Get(MetricNames.CpuCount))));
        }

        if (s.Get(MetricNames.Load1) is { } load1)
        {
            lines.Add(text.Format("node.load", StatusText.Num(load1), StatusText.Num(s.Get(MetricNames.Load5)), StatusText.Num(s.Get(MetricNames.Load15))));
        }

        if (s.Get(MetricNames.MemUsedPct) is { } mem)
        {
            lines.Add(text.Format("node.mem", StatusText.Pct(mem), s.Get(MetricNames.SwapUsedPct) is { } swap ? StatusText.Pct(swap) : text["node.no_swap"]));
        }

        foreach (var key in s.Values.Keys.Where(k => MetricKey.NameOf(k) == MetricNames.DiskUsedPct).Order(StringComparer.Ordinal))
        {
            var mount = MetricKey.Label(key, "mount") ?? "?";
            var kind = MetricKey.Label(key, "kind") == "system" ? text["node.disk.system"] : text["node.disk.data"];
            var inodes = Find(s, ProbeMetricNames.DiskInodesUsedPct, ("mount", mount));
            lines.Add(text.Format("node.disk", Html.Escape(mount), kind, StatusText.Pct(s.Values[key]), StatusText.Pct(inodes)));
        }

        foreach (var device in LabelValues(s, SystemMetricNames.DiskIoUtilPct, "device"))
        {
            double? Io(string name) => Find(s, name, ("device", device));
            lines.Add(text.Format(
                "node.io", Html.Escape(device), StatusText.Pct(Io(SystemMetricNames.DiskIoUtilPct)), Ms(Io(SystemMetricNames.DiskIoReadAwaitMs)),
                Ms(Io(SystemMetricNames.DiskIoWriteAwaitMs)), StatusText.Num(Io(SystemMetricNames.DiskIoQueue))));
        }

        lines.AddRange(OwnLines(s, IndicatorCatalog.All, text));
        return lines;
    }

    /// <summary>"title: value" for each indicator the catalogue shows on a line of its own, labels in brackets, in key order.</summary>
    internal static IEnumerable<string> OwnLines(Sample s, IEnumerable<Indicator> indicators, TextCatalog text)
    {
        foreach (var indicator in indicators.Where(i => i.Display.Status == StatusPlacement.Line))
        {
            foreach (var key in s.Values.Keys.Where(k => MetricKey.NameOf(k) == indicator.Name).Order(StringComparer.Ordinal))
            {
                var labels = key.Length > indicator.Name.Length ? " " + Html.Escape(key[indicator.Name.Length..]) : "";
                yield return text.Format("indicator.line", text[indicator.TitleKey] + labels, IndicatorValue.Format(indicator.Display.Format, s.Values[key]));
            }
        }
    }

    public static List<string> Application(Sample s, TextCatalog text)
    {
        var lines = new List<string>();
        foreach (var name in LabelValues(s, SystemMetricNames.ProcRunning, "name"))
        {
            var up = Find(s, SystemMetricNames.ProcRunning, ("name", name)) > 0;
            lines.Add(text.Format("node.proc", Html.Escape(name), Mark(up), StatusText.Num(Find(s, SystemMetricNames.ProcCount, ("name", name)))));
        }

        foreach (var port in LabelValues(s, SystemMetricNames.PortListening, "port"))
        {
            lines.Add(text.Format("node.port", Html.Escape(port), Mark(Find(s, SystemMetricNames.PortListening, ("port", port)) > 0)));
        }

        foreach (var check in LabelValues(s, HttpMetrics.Up, "check"))
        {
            double? Http(string name) => Find(s, name, ("check", check));
            lines.Add(text.Format("node.http", Html.Escape(check), Mark(Http(HttpMetrics.Up) > 0), StatusText.Num(Http(HttpMetrics.Status)), Ms(Http(HttpMetrics.LatencyMs))));
        }

        return lines;
    }

    private static string Mark(bool ok) => ok ? "✅" : "❌";

    private static string Ms(double? v) => v is null ? "?" : v.Value.ToString("0.#", CultureInfo.InvariantCulture);

    /// <summary>The values of one label over the keys of one metric name, sorted.</summary>
    private static IEnumerable<string> LabelValues(Sample s, string name, string label) => s.Values.Keys
        .Where(k => MetricKey.NameOf(k) == name)
        .Select(k => MetricKey.Label(k, label))
        .OfType<string>()
        .Distinct()
        .Order(StringComparer.Ordinal);

    /// <summary>The value of the first key of <paramref name="name"/> carrying all <paramref name="labels"/>.</summary>
    private static double? Find(Sample s, string name, params (string Key, string Value)[] labels) => s.Values
        .Where(kv => MetricKey.NameOf(kv.Key) == name && labels.All(l => MetricKey.Label(kv.Key, l.Key) == l.Value))
        .Select(kv => (double?)kv.Value)
        .FirstOrDefault();
}
