using ChatOpsWatch.Domain.Engine.Policy;
using ChatOpsWatch.Domain.Incidents;

namespace ChatOpsWatch.Infrastructure.Chat.Incidents;

/// <summary>Acknowledging one incident, the same way from the Ack button and from /ack #id.</summary>
internal static class IncidentAcks
{
    /// <summary>
    /// Records the acknowledgement in the muting store (its audit row and update-id replay protection, and what stops the
    /// engine's reminders), then marks the incident, which queues the edit of its message.
    /// </summary>
    public static async Task RecordAsync(IMutingStore muting, IIncidentActions incidents, Incident incident, string who, long updateId, DateTimeOffset now, CancellationToken ct)
    {
        var ack = new Acknowledgement(incident.Node, incident.RuleId, incident.FiringSince ?? incident.OpenedAt, who, now);
        await muting.RecordAsync(new MutingChange.Ack([ack], who, now) { UpdateId = updateId }, ct);
        await incidents.AckAsync(incident.Id, IncidentButton.Name(who), now, ct);
    }
}
