using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Domain.Engine.Policy;
using ChatOpsWatch.Domain.Nodes;
using ChatOpsWatch.Domain.Notifications;
using ChatOpsWatch.Domain.Samples;

namespace ChatOpsWatch.Domain.Engine.Live;

/// <summary>
/// Renders an engine notice as Telegram HTML, in the same shape as <see cref="AlertText"/>: head · node (tags),
/// then what was seen. Every outside string is escaped. Criticals are loud; warnings, resolutions of warnings,
/// no-data and flapping notices arrive silently.
/// </summary>
public static class EngineText
{
    public static OutboxMessage For(NodeInfo node, string title, string series, SendReason reason, RuleState previous, EngineAlert next, string describe)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(next);
        var state = next.State;
        var severity = reason switch
        {
            SendReason.Resolved => previous.Severity,
            SendReason.NoData or SendReason.Flapping or SendReason.Stable => Severity.Warning,
            _ => state.Severity,
        };
        var head = reason switch
        {
            SendReason.Resolved => "✅ RESOLVED",
            SendReason.Escalated => "🔴 ESCALATED to CRITICAL",
            SendReason.DeEscalated => "🟠 DOWNGRADED to WARNING",
            SendReason.Repeat => "🔁 STILL CRITICAL",
            SendReason.NoData => "❔ NO DATA",
            SendReason.Flapping => "〰 FLAPPING",
            SendReason.Stable => "STABLE again",
            _ when state.Severity == Severity.Critical => "🔴 CRITICAL",
            _ => "🟠 WARNING",
        };
        var label = Label(title, series);
        var body = reason switch
        {
            SendReason.NoData => $"{label}: no sample since {Since(next.UpdatedAt, state.LastSeen)}",
            SendReason.Flapping => $"{label} keeps changing state; notices paused until it settles",
            SendReason.Stable => $"{label} settled: {(LiveEngine.Firing(state) == Severity.None ? "ok" : LiveEngine.Firing(state).ToString().ToLowerInvariant())}",
            _ => $"{label} {Html.Escape(describe)}",
        };
        var text = $"{head} · <b>{Html.Escape(node.Name)}</b> ({Html.Escape(node.TagLine)})\n{body}";
        if (reason == SendReason.Resolved && previous.FiringSince is { } since)
        {
            text += $"\nafter {AlertText.Duration(next.UpdatedAt - since)}";
        }

        return new OutboxMessage(MessageKind.Alert, severity, text);
    }

    private static string Since(DateTimeOffset now, DateTimeOffset? lastSeen) =>
        lastSeen is { } seen ? AlertText.Duration(now - seen) + " ago" : "the start";

    private static string Label(string title, string series)
    {
        var mount = MetricKey.Label(series, "mount");
        var kind = MetricKey.Label(series, "kind");
        return mount is null ? Html.Escape(title) : $"{Html.Escape(title)} {Html.Escape(mount)} ({Html.Escape(kind ?? "?")} disk)";
    }
}
