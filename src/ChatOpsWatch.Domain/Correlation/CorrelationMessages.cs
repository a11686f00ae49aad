using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Domain.Incidents;
using ChatOpsWatch.Domain.Nodes;
using ChatOpsWatch.Domain.Notifications;
using ChatOpsWatch.Domain.Text;

namespace ChatOpsWatch.Domain.Correlation;

/// <summary>Renders the correlator's news as Telegram HTML from the catalogue. Every outside string is escaped here.</summary>
public sealed class CorrelationMessages(TextCatalog text)
{
    /// <summary>
    /// A node's own "down": an incident (rule <c>unreachable</c>) with one message edited in place, Ack and Mute buttons,
    /// listed in /alerts and /history, and closed by <see cref="NodeBack"/> with a reply. A path problem is a warning.
    /// </summary>
    public OutboxMessage NodeDown(NodeReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var node = report.Node;
        var error = Error(report, text);
        if (report.Vantage == VantageVerdict.Reachable)
        {
            return Incident(Alert(Severity.Warning, text.Format("corr.node.path", Html.Escape(node.Name), Html.Escape(node.TagLine), Html.Escape(report.VantageName ?? "?"), Html.Escape(report.Target ?? "?"), error)),
                node, IncidentChange.Opened, Severity.Warning, report.DownSince, l => PathDetail(report, l));
        }

        var html = text.Format("corr.node.down", Html.Escape(node.Name), Html.Escape(node.TagLine), report.Failures, error);
        if (report.Vantage == VantageVerdict.Unreachable)
        {
            html += text.Format("corr.node.vantage_also", Html.Escape(report.VantageName ?? "?"));
        }

        return Incident(Alert(Severity.Critical, html), node, IncidentChange.Opened, Severity.Critical, report.DownSince, l => DownDetail(report, l));
    }

    private static string Error(NodeReport report, TextCatalog l) =>
        report.Error is { } e ? Html.Escape(ErrorWords.Describe(e, l)) : l["incident.health.unknown"];

    private static string PathDetail(NodeReport report, TextCatalog l) =>
        l.Format("corr.node.path.detail", Html.Escape(report.VantageName ?? "?"), Html.Escape(report.Target ?? "?"), Error(report, l));

    private static string DownDetail(NodeReport report, TextCatalog l) =>
        l.Format("incident.health.unreachable", report.Failures, Error(report, l))
        + (report.Vantage == VantageVerdict.Unreachable ? l.Format("corr.node.vantage_also", Html.Escape(report.VantageName ?? "?")) : "");

    /// <summary>Loud like the critical it resolves; quiet after a path problem, which was a warning. A reply to the down's message.</summary>
    public OutboxMessage NodeBack(NodeInfo node, TimeSpan after, bool pathProblem = false)
    {
        ArgumentNullException.ThrowIfNull(node);
        var severity = pathProblem ? Severity.Warning : Severity.Critical;
        return Incident(Alert(severity, text.Format("corr.node.back", Html.Escape(node.Name), Html.Escape(node.TagLine), Duration(after))),
            node, IncidentChange.Resolved, severity, null, l => l["incident.health.reachable"]);
    }

    /// <summary>A node's own "down" incident, closed without a word of its own: an outage took the node in and tells its news.</summary>
    public OutboxMessage NodeClosed(NodeInfo node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return Incident(Alert(Severity.Warning, text["incident.health.reachable"]), node, IncidentChange.Closed, Severity.Warning, null, l => l["incident.health.reachable"]);
    }

    /// <summary>The incident's detail is rendered in the current language and kept in every language.</summary>
    private OutboxMessage Incident(OutboxMessage message, NodeInfo node, IncidentChange change, Severity severity, DateTimeOffset? since, Func<TextCatalog, string> detail) =>
        message with
        {
            Incident = new IncidentNotice(node.Name, node.TagLine, ReachabilityEvaluator.RuleId, ReachabilityEvaluator.Series, change, severity, since, detail(text))
            {
                Details = TextEntry.Render(detail),
            },
        };

    public OutboxMessage GroupOpened(GroupIncident group, IReadOnlyList<NodeReport> members)
    {
        ArgumentNullException.ThrowIfNull(group);
        var list = text.List(members.Select(Member));
        return Alert(Severity.Critical, text.Format("corr.group.opened", TagWord(group), Html.Escape(group.Value), group.Members.Count, group.Size, list));
    }

    public OutboxMessage GroupJoined(GroupIncident group, IReadOnlyList<string> joined, int down)
    {
        ArgumentNullException.ThrowIfNull(group);
        return Alert(Severity.Warning, text.Format("corr.group.joined", TagWord(group), Html.Escape(group.Value), down, group.Size, Names(joined)));
    }

    public OutboxMessage GroupMembersBack(GroupIncident group, IReadOnlyList<string> back, int stillDown)
    {
        ArgumentNullException.ThrowIfNull(group);
        return Alert(Severity.Warning, text.Format("corr.group.back", TagWord(group), Html.Escape(group.Value), Names(back), stillDown, group.Size));
    }

    public OutboxMessage GroupResolved(GroupIncident group, int size, int reachable, TimeSpan after)
    {
        ArgumentNullException.ThrowIfNull(group);
        var key = reachable >= size ? "corr.group.resolved.all" : "corr.group.resolved.some";
        return Alert(Severity.Critical, text.Format(key, TagWord(group), Html.Escape(group.Value), reachable, size, Duration(after)));
    }

    public OutboxMessage Isolated(IReadOnlyList<string> canaries, int failingNodes) =>
        Alert(Severity.Critical, text.Format("corr.isolated", Names(canaries), failingNodes));

    public OutboxMessage Restored(TimeSpan after) => Alert(Severity.Critical, text.Format("corr.restored", Duration(after)));

    public string Duration(TimeSpan d) => d.TotalMinutes < 1 ? text.Format("corr.duration.s", Math.Max(0, (int)d.TotalSeconds))
        : d.TotalHours < 1 ? text.Format("corr.duration.min", (int)d.TotalMinutes)
        : d.TotalDays < 1 ? text.Format("corr.duration.h", (int)d.TotalHours, d.Minutes)
        : text.Format("corr.duration.d", (int)d.TotalDays, d.Hours);

    private static OutboxMessage Alert(Severity severity, string html) => new(MessageKind.Alert, severity, html);

    private string Names(IEnumerable<string> names) => text.List(names.Select(Html.Escape));

    private string Member(NodeReport r) => r.Vantage == VantageVerdict.Reachable
        ? text.Format("corr.group.member_path", Html.Escape(r.Node.Name), Html.Escape(r.VantageName ?? "?"))
        : Html.Escape(r.Node.Name);

    private string TagWord(GroupIncident group) => text[group.Tag == GroupOutages.Provider ? "corr.tag.provider" : "corr.tag.region"];
}
