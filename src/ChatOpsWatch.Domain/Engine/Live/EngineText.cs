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
    /// <remarks>
    /// <paramref name="localised"/> gives the rule's title and its reason in another language, so that the incident
    /// keeps its detail in every language; without it the detail is kept in <paramref name="texts"/>' language only.
    /// </remarks>
    public static OutboxMessage For(NodeInfo node, string title, string series, SendReason reason, RuleState previous, EngineAlert next, string describe, TextCatalog texts, Func<TextCatalog, (string Title, string Describe)>? localised = null)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(next);
        ArgumentNullException.ThrowIfNull(texts);
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
        var settled = LiveEngine.Firing(state);
        string Body(TextCatalog l, string title, string describe)
        {
            var label = Label(title, series, l);
            return reason switch
            {
                SendReason.NoData => l.Format("incident.engine.nodata", label, Since(next.UpdatedAt, state.LastSeen, l)),
                SendReason.Flapping => l.Format("incident.engine.flapping", label),
                SendReason.Stable => l.Format("incident.engine.stable", label, IncidentText.SeverityName(settled, l)),
                _ => $"{label} {Html.Escape(describe)}",
            };
        }

        var body = Body(texts, title, describe);
        var text = $"{IncidentText.Where(head, node.Name, node.TagLine, texts)}\n{body}";
        if (reason == SendReason.Resolved && previous.FiringSince is { } since)
        {
            text += "\n" + texts.Format("incident.after", IncidentText.Duration(next.UpdatedAt - since, texts));
        }

        var notice = Notice(node, next, reason, severity, previous, body);
        if (notice is not null && localised is not null)
        {
            notice = notice with
            {
                Details = TextEntry.Render(l => l.Language == texts.Language ? body : Body(l, localised(l).Title, localised(l).Describe)),
            };
        }

        return new OutboxMessage(MessageKind.Alert, severity, text) { Incident = notice };
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
        if (mount is not null)
        {
            return texts.Format("incident.engine.disk", Html.Escape(title), Html.Escape(mount), DiskKind(kind, texts));
        }

        // Which process, port, HTTP check or loss probe: a node watches several, and "Process not running" names none.
        var instance = MetricKey.Instance(series);
        return instance is null ? Html.Escape(title) : texts.Format("incident.engine.instance", Html.Escape(title), Html.Escape(instance));
    }
}
