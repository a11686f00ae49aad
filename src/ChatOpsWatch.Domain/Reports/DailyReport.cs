using System.Globalization;
using System.Text;
using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Domain.Notifications;
using ChatOpsWatch.Domain.Text;
using ChatOpsWatch.Domain.Time;

namespace ChatOpsWatch.Domain.Reports;

/// <summary>How often a node answered in the report's window: polls that stored a sample against the polls its interval asked for.</summary>
public sealed record NodeAvailability(string Node, int ExpectedPolls, int AnsweredPolls)
{
    /// <summary>Answered share in percent, at most 100 (a reload can poll a little more often than the interval); null before any poll was due.</summary>
    /// <summary>The node may negotiate legacy SSH algorithms (its AllowLegacyAlgorithms): said on its line.</summary>
    public bool LegacySsh { get; init; }

    public double? UptimePct => ExpectedPolls <= 0 ? null : Math.Min(100, 100.0 * AnsweredPolls / ExpectedPolls);
}

/// <summary>One alert episode (an incident) that was open at some time in the window. <c>Resolved</c> null: still open.</summary>
public sealed record ReportEpisode(string Node, string Rule, Severity Severity, DateTimeOffset Opened, DateTimeOffset? Resolved);

public enum ExpiryKind
{
    /// <summary>The node's paid period (its configured ExpiresOn).</summary>
    PaidPeriod,

    /// <summary>The TLS certificate of an HTTP check; <see cref="UpcomingExpiry.Detail"/> names the check.</summary>
    TlsCertificate,
}

/// <summary>Something that runs out: a node's paid period or a TLS certificate, in days from the newest sample.</summary>
public sealed record UpcomingExpiry(string Node, ExpiryKind Kind, string? Detail, double DaysLeft);

/// <summary>
/// The monitor's own heartbeat for the report's last line: since when it runs (null: no liveness row, an older
/// database or a report made by a CLI verb), its latest completed poll, and what waits in the outbox.
/// </summary>
public sealed record MonitorHeartbeat(DateTimeOffset? RunningSince, DateTimeOffset? LastPoll, int OutboxWaiting, DateTimeOffset? OldestWaiting);

/// <summary>Everything one report covers.</summary>
public sealed record ReportInput(
    DateTimeOffset From,
    DateTimeOffset To,
    IReadOnlyList<NodeAvailability> Nodes,
    IReadOnlyList<ReportEpisode> Episodes,
    IReadOnlyList<UpcomingExpiry> Expiries)
{
    public MonitorHeartbeat? Monitor { get; init; }
}

/// <summary>
/// The daily report (/report, and sent on schedule): uptime per node worst first, the incidents of the window,
/// the noisiest rules (most episodes, and how many of them went away by themselves within
/// <see cref="SelfResolvedWithin"/>), and expiries within <see cref="ExpiryHorizonDays"/>. Pure; Telegram HTML.
/// </summary>
public static class DailyReport
{
    public static readonly TimeSpan SelfResolvedWithin = TimeSpan.FromMinutes(10);

    public const int ExpiryHorizonDays = 30;

    public const int MaxIncidentsListed = 15;

    public const int MaxRulesListed = 5;

    public static string Format(ReportInput input, TextCatalog text)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(text);
        var sb = new StringBuilder();
        sb.Append(text.Format("report.title", Stamp(input.From), Stamp(input.To))).Append('\n');
        AppendUptime(sb, input, text);
        AppendIncidents(sb, input, text);
        AppendNoisiest(sb, input, text);
        AppendExpiries(sb, input, text);
        AppendHeartbeat(sb, input, text);
        return sb.ToString().TrimEnd();
    }

    /// <summary>
    /// The daily proof of life: a report that arrives says the monitor ran; this line says for how long, how fresh its
    /// polls are, and whether the outbox keeps up, so a silent degradation shows before it becomes a silent monitor.
    /// </summary>
    private static void AppendHeartbeat(StringBuilder sb, ReportInput input, TextCatalog text)
    {
        if (input.Monitor is not { } m)
        {
            return;
        }

        var polled = input.Nodes.Sum(n => n.AnsweredPolls);
        var expected = input.Nodes.Sum(n => n.ExpectedPolls);
        var since = m.RunningSince is { } s ? text.Format("report.heartbeat.since", DurationText.Format(input.To - s), Stamp(s)) : text["report.heartbeat.since_unknown"];
        var last = m.LastPoll is { } l ? text.Format("report.heartbeat.last", DurationText.Format(input.To - l)) : text["report.heartbeat.last_none"];
        var outbox = m.OutboxWaiting == 0 || m.OldestWaiting is null
            ? text["report.heartbeat.outbox_empty"]
            : text.Format("report.heartbeat.outbox", m.OutboxWaiting, DurationText.Format(input.To - m.OldestWaiting.Value));
        sb.Append('\n').Append(text.Format("report.heartbeat", since, last, polled, expected, outbox)).Append('\n');
    }

    private static void AppendUptime(StringBuilder sb, ReportInput input, TextCatalog text)
    {
        sb.Append('\n').Append(text["report.uptime.heading"]).Append('\n');
        if (input.Nodes.Count == 0)
        {
            sb.Append(text["report.uptime.none"]).Append('\n');
            return;
        }

        foreach (var n in input.Nodes.OrderBy(n => n.UptimePct ?? 101).ThenBy(n => n.Node, StringComparer.Ordinal))
        {
            var pct = n.UptimePct is { } p ? p.ToString(p >= 99.995 ? "0" : "0.00", CultureInfo.InvariantCulture) + " %" : text["report.uptime.nopolls"];
            var mark = n.UptimePct switch { null => "⚪", >= 99.9 => "🟢", >= 99 => "🟡", _ => "🔴" };
            sb.Append(text.Format("report.uptime.line", mark, Html.Escape(n.Node), pct, n.AnsweredPolls, n.ExpectedPolls));
            if (n.LegacySsh)
            {
                sb.Append(' ').Append(text["report.uptime.legacy_ssh"]);
            }

            sb.Append('\n');
        }
    }

    private static void AppendIncidents(StringBuilder sb, ReportInput input, TextCatalog text)
    {
        var episodes = input.Episodes.OrderByDescending(e => e.Severity).ThenBy(e => e.Opened).ToList();
        sb.Append('\n').Append(text.Format("report.incidents.heading", episodes.Count,
            episodes.Count(e => e.Severity == Severity.Critical), episodes.Count(e => e.Resolved is null))).Append('\n');
        foreach (var e in episodes.Take(MaxIncidentsListed))
        {
            var mark = e.Severity == Severity.Critical ? "🔴" : "🟡";
            var lasted = e.Resolved is { } end
                ? text.Format("report.incidents.lasted", DurationText.Format(end - e.Opened))
                : text.Format("report.incidents.open", DurationText.Format(input.To - e.Opened));
            sb.Append(text.Format("report.incidents.line", mark, Html.Escape(e.Node), Html.Escape(e.Rule), Stamp(e.Opened), lasted)).Append('\n');
        }

        if (episodes.Count > MaxIncidentsListed)
        {
            sb.Append(text.Format("report.more", episodes.Count - MaxIncidentsListed)).Append('\n');
        }
    }

    private static void AppendNoisiest(StringBuilder sb, ReportInput input, TextCatalog text)
    {
        var rules = input.Episodes
            .GroupBy(e => e.Rule, StringComparer.Ordinal)
            .Select(g => (Rule: g.Key, Count: g.Count(), Nodes: g.Select(e => e.Node).Distinct(StringComparer.Ordinal).Count(),
                Brief: g.Count(e => e.Resolved is { } r && r - e.Opened <= SelfResolvedWithin)))
            .OrderByDescending(r => r.Count).ThenBy(r => r.Rule, StringComparer.Ordinal)
            .Take(MaxRulesListed)
            .ToList();
        sb.Append('\n').Append(text["report.noisy.heading"]).Append('\n');
        if (rules.Count == 0)
        {
            sb.Append(text["report.noisy.none"]).Append('\n');
            return;
        }

        foreach (var r in rules)
        {
            var episodes = text.Format(r.Count == 1 ? "report.noisy.episodes.one" : "report.noisy.episodes", r.Count);
            var nodes = text.Format(r.Nodes == 1 ? "report.noisy.nodes.one" : "report.noisy.nodes", r.Nodes);
            sb.Append(text.Format("report.noisy.line", Html.Escape(r.Rule), episodes, nodes, r.Brief, (int)SelfResolvedWithin.TotalMinutes)).Append('\n');
        }
    }

    private static void AppendExpiries(StringBuilder sb, ReportInput input, TextCatalog text)
    {
        var soon = input.Expiries.Where(e => e.DaysLeft <= ExpiryHorizonDays).OrderBy(e => e.DaysLeft).ToList();
        sb.Append('\n').Append(text.Format("report.expiry.heading", ExpiryHorizonDays)).Append('\n');
        if (soon.Count == 0)
        {
            sb.Append(text["report.expiry.none"]).Append('\n');
            return;
        }

        foreach (var e in soon)
        {
            var days = e.DaysLeft < 0
                ? text.Format("report.expiry.overdue", Math.Ceiling(-e.DaysLeft).ToString("0", CultureInfo.InvariantCulture))
                : text.Format("report.expiry.days", Math.Floor(e.DaysLeft).ToString("0", CultureInfo.InvariantCulture));
            var what = e.Kind == ExpiryKind.TlsCertificate ? text.Format("report.expiry.tls", Html.Escape(e.Detail ?? "")) : text["report.expiry.node"];
            sb.Append(text.Format("report.expiry.line", e.DaysLeft < 7 ? "⏰" : "📅", Html.Escape(e.Node), what, days)).Append('\n');
        }
    }

    private static string Stamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC";
}
