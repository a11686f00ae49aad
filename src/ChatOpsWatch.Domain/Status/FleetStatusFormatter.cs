using System.Text;
using ChatOpsWatch.Domain.Notifications;
using ChatOpsWatch.Domain.Ports;
using ChatOpsWatch.Domain.Samples;
using ChatOpsWatch.Domain.Text;

namespace ChatOpsWatch.Domain.Status;

/// <summary>
/// Renders /status as Telegram HTML: a headline of counts by state, then one line per node, worst first.
/// Pure. Every outside string is escaped. The result fits one Telegram message.
/// </summary>
public static class FleetStatusFormatter
{
    /// <summary>Telegram's limit on a message's text.</summary>
    public const int MaxLength = 4096;

    /// <summary>Room kept for the "… and N more nodes" line.</summary>
    private const int FooterReserve = 60;

    public static string Format(IReadOnlyList<NodeStatus> fleet, DateTimeOffset now, TextCatalog text)
    {
        ArgumentNullException.ThrowIfNull(fleet);
        ArgumentNullException.ThrowIfNull(text);
        if (fleet.Count == 0)
        {
            return text["status.title"] + "\n" + text["status.empty"];
        }

        var rows = fleet
            .Select(s => (Status: s, Health: NodeHealthRules.Classify(s, now)))
            .OrderBy(r => r.Health)
            .ThenBy(r => r.Status.Node.Name, StringComparer.Ordinal)
            .ToList();

        var sb = new StringBuilder(text["status.title"]).Append('\n').Append(Headline([.. rows.Select(r => r.Health)], text));
        var shown = 0;
        foreach (var (status, health) in rows)
        {
            var line = "\n" + NodeLine(status, health, now, text);
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
            sb.Append('\n').Append(text.Format("status.more", rows.Count - shown));
        }

        return sb.ToString();
    }

    /// <summary>"3 nodes: 🔴 1 critical · 🟠 0 warning · 🟢 2 ok · ⚪ 0 unknown" ("1 node: ..." for a fleet of one).</summary>
    public static string Headline(IReadOnlyList<NodeHealth> healths, TextCatalog text)
    {
        ArgumentNullException.ThrowIfNull(healths);
        ArgumentNullException.ThrowIfNull(text);
        int Count(NodeHealth h) => healths.Count(x => x == h);
        return text.Format(
            healths.Count == 1 ? "status.headline.one" : "status.headline",
            healths.Count,
            $"{StatusText.Icon(NodeHealth.Critical)} {Count(NodeHealth.Critical)}",
            $"{StatusText.Icon(NodeHealth.Warning)} {Count(NodeHealth.Warning)}",
            $"{StatusText.Icon(NodeHealth.Ok)} {Count(NodeHealth.Ok)}",
            $"{StatusText.Icon(NodeHealth.NoData)} {Count(NodeHealth.NoData)}");
    }

    private static string NodeLine(NodeStatus status, NodeHealth health, DateTimeOffset now, TextCatalog text)
    {
        var sb = new StringBuilder()
            .Append(StatusText.Icon(health)).Append(" <b>").Append(Html.Escape(status.Node.Name)).Append("</b> ");
        if (status.Latest is not { } latest)
        {
            sb.Append(text["status.no_data_yet"]);
        }
        else
        {
            sb.Append(Metrics(latest, text)).Append(" · ").Append(StatusText.Ago(now - latest.At, text));
            if (NodeHealthRules.IsStale(status, now))
            {
                sb.Append(' ').Append(text["status.stale"]);
            }
        }

        var alerts = StatusText.Firing(status.Firing).Select(a => StatusText.AlertSummary(a, text)).ToList();
        if (alerts.Count > 0)
        {
            sb.Append(" — ").Append(text.List(alerts));
        }

        return sb.ToString();
    }

    private static string Metrics(Sample s, TextCatalog text)
    {
        var disk = s.Values.Where(kv => MetricKey.NameOf(kv.Key) == MetricNames.DiskUsedPct)
            .Select(kv => (double?)kv.Value)
            .Max();
        return text.Format(
            "status.metrics",
            StatusText.Pct(s.Get(MetricNames.CpuBusyPct)),
            StatusText.Pct(s.Get(MetricNames.MemUsedPct)),
            StatusText.Pct(disk),
            StatusText.Num(s.Get(MetricNames.Load1)));
    }
}
