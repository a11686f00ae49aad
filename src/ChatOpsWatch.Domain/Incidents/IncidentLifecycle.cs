using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Domain.Notifications;
using ChatOpsWatch.Domain.Text;

namespace ChatOpsWatch.Domain.Incidents;

/// <summary>
/// The incident lifecycle, pure: (the open incident of an alert or none, what happened, now) → (the incident to store,
/// the messages to send, edit or reply). Every text is rendered here, once, in <see cref="TextCatalog"/>'s language;
/// storage only writes the <see cref="IncidentStep"/>. An incident's message is edited silently, so news that must ring
/// a phone (an escalation to critical, a repeat, the end) is a reply to it.
/// </summary>
public static class IncidentLifecycle
{
    /// <summary>
    /// One poll's <paramref name="message"/> (which carries an <see cref="IncidentNotice"/>) applied to the alert's open
    /// incident. <paramref name="newId"/> is the id an incident opened now takes. <paramref name="sendWaiting"/>: the open
    /// incident's first send still waits in the outbox and is not being sent, so an edit now goes out as that send.
    /// </summary>
    public static IncidentStep Step(Incident? open, OutboxMessage message, DateTimeOffset now, TextCatalog texts, long newId, bool sendWaiting = false)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(texts);
        if (message.Incident is not { } n)
        {
            return new IncidentStep(open, [new IncidentIntent(IncidentIntentKind.Post, message)]);
        }

        switch (n.Change)
        {
            case IncidentChange.Resolved when open is null:
                // Announced before incidents existed (or never opened): the plain resolution, never dropped.
                return new IncidentStep(null, [new IncidentIntent(IncidentIntentKind.Post, message with { Incident = null })]);
            case IncidentChange.Resolved:
                var resolved = open with { ResolvedAt = now, ResolvedDetail = n.Detail, ResolvedDetails = n.Details };
                return new IncidentStep(resolved, [Edit(resolved, texts), Reply(resolved, IncidentText.ResolvedReply(resolved, texts), resolved.MaxSeverity)]);
            case IncidentChange.Closed when open is null:
                return IncidentStep.Unchanged(null);
            case IncidentChange.Closed:
                var closed = open with { ResolvedAt = now, ResolvedDetail = n.Detail, ResolvedDetails = n.Details };
                return new IncidentStep(closed, [Edit(closed, texts)]);
            case IncidentChange.Repeat when open is not null:
                return new IncidentStep(open, [Reply(open, IncidentText.RepeatReply(open, now, texts), Severity.Critical)]);
            case var _ when open is null:
                return Open(n, message.ChatId, now, texts, newId);
            default:
                var moved = open with { Severity = n.Severity, MaxSeverity = Highest(open.MaxSeverity, n.Severity), Detail = n.Detail, Details = n.Details };
                if (n.Change == IncidentChange.Escalated && !sendWaiting)
                {
                    // The edit notifies nobody: the escalation to critical is a loud reply. A first send that still waits
                    // goes out as the critical itself, loudly, and needs no reply.
                    return new IncidentStep(moved, [Edit(moved, texts), Reply(moved, IncidentText.EscalatedReply(moved, texts), Severity.Critical)]);
                }

                return new IncidentStep(moved, [Edit(moved, texts)]);
        }
    }

    /// <summary>
    /// Keeps an open incident true to its alert when the alert moved without a message (a silence or maintenance window
    /// held it back): the severity follows, and when the alert stops firing the incident resolves with a silent reply.
    /// </summary>
    public static IncidentStep Follow(Incident open, Severity severity, DateTimeOffset now, TextCatalog texts)
    {
        ArgumentNullException.ThrowIfNull(open);
        ArgumentNullException.ThrowIfNull(texts);
        if (!open.IsOpen)
        {
            return IncidentStep.Unchanged(open);
        }

        if (severity == Severity.None)
        {
            var resolved = open with { ResolvedAt = now };
            return new IncidentStep(resolved, [Edit(resolved, texts), Reply(resolved, IncidentText.ResolvedReply(resolved, texts), Severity.Warning)]);
        }

        if (severity == open.Severity)
        {
            return IncidentStep.Unchanged(open);
        }

        var moved = open with { Severity = severity, MaxSeverity = Highest(open.MaxSeverity, severity) };
        return new IncidentStep(moved, [Edit(moved, texts)]);
    }

    /// <summary>
    /// The alerts of <paramref name="decision"/> whose severity moved without a message of this poll or of another
    /// component (<see cref="PollDecision.ToldElsewhere"/>): their open incidents are to <see cref="Follow"/>.
    /// </summary>
    public static IReadOnlyList<AlertTransition> Unannounced(PollDecision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        var told = decision.Messages
            .Where(m => m.Incident is not null)
            .Select(m => AlertKey.Of(m.Incident!.RuleId, m.Incident.Series))
            .ToHashSet(StringComparer.Ordinal);
        told.UnionWith(decision.ToldElsewhere);
        return [.. decision.Transitions.Where(t => t.Previous.Severity != t.Next.Severity && !told.Contains(AlertKey.Of(t.Next)))];
    }

    /// <summary>Acknowledged by <paramref name="by"/>: the first acknowledgement stays, and a resolved incident does not change.</summary>
    public static IncidentStep Ack(Incident incident, string by, DateTimeOffset at, TextCatalog texts)
    {
        ArgumentNullException.ThrowIfNull(incident);
        return !incident.IsOpen || incident.AckedBy is not null
            ? IncidentStep.Unchanged(incident)
            : Edited(incident with { AckedBy = by, AckedAt = at }, texts);
    }

    /// <summary>Muted until <paramref name="until"/>: a later mute extends it, an earlier one changes nothing, and a resolved incident does not change.</summary>
    public static IncidentStep Mute(Incident incident, DateTimeOffset until, string by, TextCatalog texts)
    {
        ArgumentNullException.ThrowIfNull(incident);
        return !incident.IsOpen || incident.MutedUntil is { } u && u >= until
            ? IncidentStep.Unchanged(incident)
            : Edited(incident with { MutedUntil = until, MutedBy = by }, texts);
    }

    /// <summary>The incident's one message as it reads now, addressed to its chat.</summary>
    public static OutboxMessage Render(Incident incident, TextCatalog texts) =>
        IncidentText.Message(incident, texts) with { ChatId = incident.ChatId };

    private static IncidentStep Open(IncidentNotice n, long? chatId, DateTimeOffset now, TextCatalog texts, long id)
    {
        var incident = new Incident(id, n.Node, n.Tags, n.RuleId, n.Series, n.Security, n.Severity, n.Severity, n.FiringSince,
            n.FiringSince ?? now, null, n.Detail, null, null, null, null, null, chatId, null)
        { Details = n.Details };
        return new IncidentStep(incident, [new IncidentIntent(IncidentIntentKind.Send, Render(incident, texts))]);
    }

    private static IncidentStep Edited(Incident next, TextCatalog texts) => new(next, [Edit(next, texts)]);

    private static IncidentIntent Edit(Incident incident, TextCatalog texts) => new(IncidentIntentKind.Edit, Render(incident, texts));

    private static IncidentIntent Reply(Incident incident, string html, Severity severity) =>
        new(IncidentIntentKind.Reply, new OutboxMessage(MessageKind.Alert, severity, html, incident.ChatId));

    private static Severity Highest(Severity a, Severity b) => b > a ? b : a;
}
