using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Domain.Engine.Policy;
using ChatOpsWatch.Domain.Incidents;
using ChatOpsWatch.Domain.Nodes;
using ChatOpsWatch.Domain.Notifications;
using ChatOpsWatch.Domain.Samples;
using ChatOpsWatch.Domain.Text;

namespace ChatOpsWatch.Domain.Engine.Live;

/// <summary>
/// Renders an engine notice as Telegram HTML, in the same shape as <see cref="AlertText"/>: head · node (tags),
/// then what was seen. Every outside string is escaped. Criticals are loud; warnings, resolutions of warnings,
/// no-data and flapping notices arrive silently. A change of the alert's episode (fired, escalated, de-escalated,
/// reminder, resolved) carries an <see cref="IncidentNotice"/>, so the store edits the incident's one message instead.
/// </summary>
public static class EngineText
{
    public static OutboxMessage For(NodeInfo node, string title, string series, SendReason reason, RuleState previous, EngineAlert next, string describe, TextCatalog? texts = null)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(next);
        texts ??= TextCatalog.English;
        var state = next.State;
        var severity = reason switch
        {
            SendReason.Resolved => previous.Severity,
            SendReason.NoData or SendReason.Flapping or SendReason.Stable => Severity.Warning,
            _ => state.Severity,
        };
        var head = reason switch
        {
            SendReason.Resolved => texts["incident.head.resolved"],
            SendReason.Escalated => texts["incident.head.escalated"],
            SendReason.DeEscalated => texts["incident.head.deescalated"],
            SendReason.Repeat => texts["incident.head.repeat"],
            SendReason.NoData => texts["incident.head.nodata"],
            SendReason.Flapping => texts["incident.head.flapping"],
            SendReason.Stable => texts["incident.head.stable"],
            _ => IncidentText.Mark(state.Severity, texts),
        };
        var label = Label(title, series, texts);
        var settled = LiveEngine.Firing(state);
        var body = reason switch
        {
            SendReason.NoData => texts.Format("incident.engine.nodata", label, Since(next.UpdatedAt, state.LastSeen, texts)),
            SendReason.Flapping => texts.Format("incident.engine.flapping", label),
            SendReason.Stable => texts.Format("incident.engine.stable", label, IncidentText.SeverityName(settled, texts)),
            _ => $"{label} {Html.Escape(describe)}",
        };
        var text = $"{IncidentText.Where(head, node.Name, node.TagLine, texts)}\n{body}";
        if (reason == SendReason.Resolved && previous.FiringSince is { } since)
        {
            text += "\n" + texts.Format("incident.after", IncidentText.Duration(next.UpdatedAt - since, texts));
        }

        return new OutboxMessage(MessageKind.Alert, severity, text) { Incident = Notice(node, next, reason, severity, previous, body) };
    }

    private static IncidentNotice? Notice(NodeInfo node, EngineAlert next, SendReason reason, Severity severity, RuleState previous, string detail)
    {
        IncidentChange? change = reason switch
        {
            SendReason.First => IncidentChange.Opened,
            SendReason.Escalated => IncidentChange.Escalated,
            SendReason.DeEscalated => IncidentChange.DeEscalated,
            SendReason.Repeat => IncidentChange.Repeat,
            SendReason.Resolved => IncidentChange.Resolved,
            _ => null,
        };
        var since = reason == SendReason.Resolved ? previous.FiringSince : next.State.FiringSince;
        return change is { } c ? new IncidentNotice(node.Name, node.TagLine, next.RuleId, next.Series, c, severity, since, detail) : null;
    }

    private static string Since(DateTimeOffset now, DateTimeOffset? lastSeen, TextCatalog texts) =>
        lastSeen is { } seen ? texts.Format("incident.engine.ago", IncidentText.Duration(now - seen, texts)) : texts["incident.engine.start"];

    /// <summary>"system disk", "data disk"; a kind the catalogue does not know is shown as the probe named it.</summary>
    private static string DiskKind(string? kind, TextCatalog texts) => kind is "system" or "data"
        ? texts["reason.disk." + kind]
        : texts.Format("reason.disk.other", Html.Escape(kind ?? "?"));

    private static string Label(string title, string series, TextCatalog texts)
    {
        var mount = MetricKey.Label(series, "mount");
        var kind = MetricKey.Label(series, "kind");
        return mount is null ? Html.Escape(title) : texts.Format("incident.engine.disk", Html.Escape(title), Html.Escape(mount), DiskKind(kind, texts));
    }
}
