using System.Globalization;
using System.Text;
using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Domain.Notifications;
using ChatOpsWatch.Domain.Ports;
using ChatOpsWatch.Domain.Samples;

namespace ChatOpsWatch.Domain.Status;

/// <summary>
/// Renders /status as Telegram HTML: a headline of counts, then one line per node, worst first.
/// Pure. Every outside string is escaped. The result fits one Telegram message.
/// </summary>
public static class FleetStatusFormatter
{
    /// <summary>Telegram's limit on a message's text.</summary>
    public const int MaxLength = 4096;

    /// <summary>Room kept for the "… and N more nodes" line.</summary>
    private const int FooterReserve = 40;

    public static string Format(IReadOnlyList<NodeStatus> fleet, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(fleet);
        if (fleet.Count == 0)
        {
            return "<b>Fleet status</b>\nNo nodes configured.";
        }

        var rows = fleet
            .Select(s => (Status: s, Health: NodeHealthRules.Classify(s, now)))
            .OrderBy(r => r.Health)
            .ThenBy(r => r.Status.Node.Name, StringComparer.Ordinal)
            .ToList();

        var sb = new StringBuilder(Headline(rows.Select(r => r.Health).ToList()));
        var shown = 0;
        foreach (var (status, health) in rows)
        {
            var line = "\n" + NodeLine(status, health, now);
            var isLast = shown == rows.Count - 1;
            if (sb.Length + line.Length + (isLast ? 0 : FooterReserve) > MaxLength)
            {
                break;
            }

            sb.Append(line);
            shown++;
        }

        if (shown < rows.Count)
        {
            sb.Append(CultureInfo.InvariantCulture, $"\n… and {rows.Count - shown} more nodes");
        }

        return sb.ToString();
    }

    private static string Headline(List<NodeHealth> healths)
    {
        int Count(NodeHealth h) => healths.Count(x => x == h);
        return $"<b>Fleet status</b> · {healths.Count} nodes\n"
            + $"{Icon(NodeHealth.Critical)} {Count(NodeHealth.Critical)} critical · "
            + $"{Icon(NodeHealth.Warning)} {Count(NodeHealth.Warning)} warning · "
            + $"{Icon(NodeHealth.NoData)} {Count(NodeHealth.NoData)} no data · "
            + $"{Icon(NodeHealth.Ok)} {Count(NodeHealth.Ok)} ok";
    }

    private static string NodeLine(NodeStatus status, NodeHealth health, DateTimeOffset now)
    {
        var sb = new StringBuilder()
            .Append(Icon(health)).Append(" <b>").Append(Html.Escape(status.Node.Name)).Append("</b> ");
        if (status.Latest is not { } latest)
        {
            sb.Append("no data yet");
        }
        else
        {
            sb.Append(Metrics(latest)).Append(" · ").Append(AlertText.Duration(now - latest.At)).Append(" ago");
            if (NodeHealthRules.IsStale(status, now))
            {
                sb.Append(" (stale)");
            }
        }

        var alerts = status.Firing
            .Where(a => a.IsFiring)
            .OrderByDescending(a => a.Severity)
            .ThenBy(a => a.RuleId, StringComparer.Ordinal)
            .ThenBy(a => a.Series, StringComparer.Ordinal)
            .Select(AlertSummary)
            .ToList();
        if (alerts.Count > 0)
        {
            sb.Append(" — ").AppendJoin(", ", alerts);
        }

        return sb.ToString();
    }

    private static string Metrics(Sample s)
    {
        var disk = s.Values.Where(kv => MetricKey.NameOf(kv.Key) == MetricNames.DiskUsedPct)
            .Select(kv => (double?)kv.Value)
            .Max();
        return $"cpu {Pct(s.Get(MetricNames.CpuBusyPct))} · mem {Pct(s.Get(MetricNames.MemUsedPct))} · "
            + $"disk {Pct(disk)} · load {Num(s.Get(MetricNames.Load1))}";
    }

    private static string AlertSummary(AlertState a)
    {
        var icon = a.Severity == Severity.Critical ? "🔴" : "🟠";
        var what = a.RuleId switch
        {
            ReachabilityEvaluator.RuleId => "unreachable",
            NodeMonitor.HostKeyRuleId => "SSH host key changed",
            NodeMonitor.ProbeRuleId => "probe output unreadable",
            _ => Html.Escape(a.RuleId)
                + (MetricKey.Label(a.Series, "mount") is { } mount ? " " + Html.Escape(mount) : string.Empty)
                + " " + Pct(a.LastValue),
        };
        return $"{icon} {what}";
    }

    private static string Icon(NodeHealth h) => h switch
    {
        NodeHealth.Critical => "🔴",
        NodeHealth.Warning => "🟠",
        NodeHealth.NoData => "⚪",
        _ => "🟢",
    };

    private static string Pct(double? v) => v is null ? "?" : v.Value.ToString("0", CultureInfo.InvariantCulture) + " %";

    private static string Num(double? v) => v is null ? "?" : v.Value.ToString("0.##", CultureInfo.InvariantCulture);
}
