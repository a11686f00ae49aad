using ChatOpsWatch.Domain.Incidents;
using ChatOpsWatch.Domain.Nodes;
using ChatOpsWatch.Domain.Notifications;
using ChatOpsWatch.Domain.Text;

namespace ChatOpsWatch.Domain.Alerts;

/// <summary>
/// Renders a node-health transition (unreachable, host key, probe output) as a Telegram HTML message. Every outside
/// string is escaped. The message carries an <see cref="IncidentNotice"/>, so the store keeps one edited message per episode.
/// </summary>
public static class AlertText
{
    public static OutboxMessage For(NodeInfo node, AlertTransition t, PollOutcome outcome, TextCatalog texts)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(t);
        ArgumentNullException.ThrowIfNull(texts);
        var s = t.Next;
        var security = s.RuleId is NodeMonitor.HostKeyRuleId or NodeMonitor.CryptoRuleId;
        var severity = t.Reason == NotifyReason.Resolved ? t.Previous.Severity : s.Severity;
        var head = t.Reason switch
        {
            NotifyReason.Resolved => texts["incident.head.resolved"],
            _ when security => texts["incident.head.security"],
            NotifyReason.Escalated => texts["incident.head.escalated"],
            NotifyReason.DeEscalated => texts["incident.head.deescalated"],
            _ => IncidentText.Mark(s.Severity, texts),
        };
        var body = Body(t, outcome, texts);
        var text = $"{IncidentText.Where(head, node.Name, node.TagLine, texts)}\n{body}";
        if (t.Reason == NotifyReason.Resolved && t.Previous.FiringSince is { } since)
        {
            text += "\n" + texts.Format("incident.after", IncidentText.Duration(s.UpdatedAt - since, texts));
        }

        IncidentChange? change = t.Reason switch
        {
            NotifyReason.Fired => IncidentChange.Opened,
            NotifyReason.Escalated => IncidentChange.Escalated,
            NotifyReason.DeEscalated => IncidentChange.DeEscalated,
            NotifyReason.Resolved => IncidentChange.Resolved,
            _ => null,
        };
        var notice = change is { } c
            ? new IncidentNotice(node.Name, node.TagLine, s.RuleId, s.Series, c, severity, t.Previous.FiringSince ?? s.FiringSince, body, security)
            {
                Details = TextEntry.Render(l => Body(t, outcome, l)),
            }
            : null;
        return new OutboxMessage(security ? MessageKind.Security : MessageKind.Alert, severity, text) { Incident = notice };
    }

    /// <summary>English durations for texts that are not in the catalogue yet (/status); alert texts use <see cref="IncidentText.Duration"/>.</summary>
    public static string Duration(TimeSpan d) => IncidentText.Duration(d, TextCatalog.English);

    private static string Body(AlertTransition t, PollOutcome outcome, TextCatalog texts)
    {
        var s = t.Next;
        var resolved = t.Reason == NotifyReason.Resolved;
        var unknown = texts["incident.health.unknown"];
        switch (s.RuleId)
        {
            case ReachabilityEvaluator.RuleId:
                return resolved
                    ? texts["incident.health.reachable"]
                    : texts.Format("incident.health.unreachable", s.CriticalStreak, (outcome as PollOutcome.Failed)?.Error is { } e ? Html.Escape(ErrorWords.Describe(e, texts)) : unknown);
            case NodeMonitor.HostKeyRuleId:
                return resolved
                    ? texts["incident.health.hostkey.back"]
                    : outcome is PollOutcome.HostKeyRejected r
                        ? texts.Format("incident.health.hostkey", Html.Escape(r.Pinned), Html.Escape(r.Presented))
                        : texts["incident.health.hostkey.short"];
            case NodeMonitor.CryptoRuleId:
                return resolved
                    ? texts["incident.health.sshcrypto.back"]
                    : texts.Format("incident.health.sshcrypto", Html.Escape((outcome as PollOutcome.CryptoRefused)?.Refusal.In(texts.Language) ?? unknown));
            case NodeMonitor.ProbeRuleId:
                return resolved
                    ? texts["incident.health.probe.back"]
                    : texts.Format("incident.health.probe", Html.Escape((outcome as PollOutcome.Garbled)?.Error.In(texts.Language) ?? unknown));
        }

        // Metric rules are worded by the live engine (Engine/Live/EngineText); only node health reaches here.
        return Html.Escape($"{s.RuleId} {s.Series}");
    }
}
