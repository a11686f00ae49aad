using ChatOpsWatch.Domain.Nodes;
using ChatOpsWatch.Domain.Notifications;

namespace ChatOpsWatch.Domain.Alerts;

/// <summary>Renders an alert transition as a Telegram HTML message. Every outside string is escaped.</summary>
public static class AlertText
{
    public static OutboxMessage For(NodeInfo node, AlertTransition t, PollOutcome outcome)
    {
        var s = t.Next;
        var severity = t.Reason == NotifyReason.Resolved ? t.Previous.Severity : s.Severity;
        var head = Head(t.Reason, s.Severity, s.RuleId == NodeMonitor.HostKeyRuleId);
        var where = $"<b>{Html.Escape(node.Name)}</b> ({Html.Escape(node.TagLine)})";
        var body = Body(t, outcome);
        var kind = s.RuleId == NodeMonitor.HostKeyRuleId ? MessageKind.Security : MessageKind.Alert;
        var text = $"{head} · {where}\n{body}";
        if (t.Reason == NotifyReason.Resolved && t.Previous.FiringSince is { } since)
        {
            text += $"\nafter {Duration(s.UpdatedAt - since)}";
        }

        return new OutboxMessage(kind, severity, text);
    }

    public static string Duration(TimeSpan d) => d.TotalMinutes < 1 ? $"{Math.Max(0, (int)d.TotalSeconds)} s"
        : d.TotalHours < 1 ? $"{(int)d.TotalMinutes} min"
        : d.TotalDays < 1 ? $"{(int)d.TotalHours} h {d.Minutes} min"
        : $"{(int)d.TotalDays} d {d.Hours} h";

    private static string Head(NotifyReason reason, Severity severity, bool security) => reason switch
    {
        NotifyReason.Resolved => "✅ RESOLVED",
        _ when security => "🔐 SECURITY",
        NotifyReason.Escalated => "🔴 ESCALATED to CRITICAL",
        NotifyReason.DeEscalated => "🟠 DOWNGRADED to WARNING",
        _ when severity == Severity.Critical => "🔴 CRITICAL",
        _ => "🟠 WARNING",
    };

    private static string Body(AlertTransition t, PollOutcome outcome)
    {
        var s = t.Next;
        switch (s.RuleId)
        {
            case ReachabilityEvaluator.RuleId:
                return t.Reason == NotifyReason.Resolved
                    ? "reachable again over SSH"
                    : $"unreachable: {s.CriticalStreak} failed polls in a row\nlast error: {Html.Escape((outcome as PollOutcome.Failed)?.Error ?? "unknown")}";
            case NodeMonitor.HostKeyRuleId:
                return t.Reason == NotifyReason.Resolved
                    ? "the pinned SSH host key is presented again"
                    : outcome is PollOutcome.HostKeyRejected r
                        ? $"SSH host key CHANGED. Not authenticating, not probing.\npinned: <code>{Html.Escape(r.Pinned)}</code>\npresented: <code>{Html.Escape(r.Presented)}</code>\nIf the change is expected, re-pin the node (see README, host keys)."
                        : "SSH host key changed";
            case NodeMonitor.ProbeRuleId:
                return t.Reason == NotifyReason.Resolved
                    ? "probe output readable again"
                    : $"probe output unreadable: {Html.Escape((outcome as PollOutcome.Garbled)?.Error ?? "unknown")}";
        }

        // Metric rules are worded by the live engine (Engine/Live/EngineText); only node health reaches here.
        return Html.Escape($"{s.RuleId} {s.Series}");
    }
}
