using ChatOpsWatch.Domain.Notifications;

namespace ChatOpsWatch.Domain.Incidents;

/// <summary>What writing an <see cref="IncidentIntent"/> does to the outbox.</summary>
public enum IncidentIntentKind
{
    /// <summary>The incident's first message.</summary>
    Send,

    /// <summary>Brings the incident's one message up to date (silently: an edit rings no phone).</summary>
    Edit,

    /// <summary>A new message that replies to the incident's message: the loud (or quiet) news of a change.</summary>
    Reply,

    /// <summary>A message tied to no incident (the resolution of an alert that never had one).</summary>
    Post,
}

/// <summary>One message to queue, already rendered: storage writes <see cref="Message"/> as it is.</summary>
public sealed record IncidentIntent(IncidentIntentKind Kind, OutboxMessage Message);

/// <summary>
/// The result of one <see cref="IncidentLifecycle"/> step: the incident as it is to be stored (null when none is open
/// or opened) and the messages to queue in the same transaction, in order. A step whose <see cref="Next"/> has
/// <see cref="Incident.ResolvedAt"/> set resolves the incident.
/// </summary>
public sealed record IncidentStep(Incident? Next, IReadOnlyList<IncidentIntent> Intents)
{
    /// <summary>Nothing to store, nothing to say.</summary>
    public static IncidentStep Unchanged(Incident? incident) => new(incident, []);

    /// <summary>The incident's message as this step renders it (its send or edit), which storage keeps as the incident's last text.</summary>
    public string? Text => Intents.FirstOrDefault(i => i.Kind is IncidentIntentKind.Send or IncidentIntentKind.Edit)?.Message.Html;
}
