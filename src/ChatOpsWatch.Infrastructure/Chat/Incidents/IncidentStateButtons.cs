using ChatOpsWatch.Domain.Chat;
using ChatOpsWatch.Domain.Engine.Policy;
using ChatOpsWatch.Domain.Incidents;
using ChatOpsWatch.Domain.Ports;
using ChatOpsWatch.Domain.Text;
using ChatOpsWatch.Domain.Time;
using ChatOpsWatch.Infrastructure.Delivery;
using Microsoft.Extensions.Logging;

namespace ChatOpsWatch.Infrastructure.Chat.Incidents;

/// <summary>
/// The Ack and Mute buttons of an incident (admins only; the caller checked). Both go through the muting store, so
/// /silences and the alert engine see them, with its audit row and update-id replay protection; then the incident
/// records who and until when, and its message is edited, in one transaction. A store failure changes nothing and
/// says so in the toast.
/// </summary>
public sealed class IncidentStateButtons(
    IIncidentStore incidents,
    IMutingStore muting,
    IOutboxSignal outbox,
    TextCatalog texts,
    TimeProvider time,
    ILogger<IncidentStateButtons> logger) : ICallbackHandler
{
    public IReadOnlyCollection<string> Actions { get; } = ["ack", "mute"];

    public bool ChangesState(CallbackData data) => true;

    public async Task<string?> HandleAsync(CallbackContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            var mute = context.Data.Action == "mute";
            if (await IncidentButton.FindAsync(incidents, context, mute ? 2 : 1, ct) is not { } incident
                || (mute && (incident.Security || !IncidentText.MuteChoices.Contains(context.Data.Args[1]))))
            {
                logger.LogWarning("Refused button data {Data} from {Who} in chat {ChatId}: no such incident message", string.Join(':', [context.Data.Action, .. context.Data.Args]), context.Who, context.ChatId);
                return texts["incident.toast.unknown"];
            }

            if (!incident.IsOpen)
            {
                return texts["incident.toast.resolved"];
            }

            var toast = mute ? await MuteAsync(incident, context, ct) : await AckAsync(incident, context, ct);
            outbox.Notify();
            return toast;
        }
        catch (StorageException e)
        {
            logger.LogError(e, "Button {Action} by {Who}: the store failed; nothing changed", context.Data.Action, context.Who);
            return texts["incident.toast.store"];
        }
    }

    private async Task<string> AckAsync(Incident incident, CallbackContext context, CancellationToken ct)
    {
        if (incident.AckedBy is { } by)
        {
            return texts.Format("incident.toast.already_acked", by);
        }

        await IncidentAcks.RecordAsync(muting, incidents, incident, context.Who, context.UpdateId, time.GetUtcNow(), ct);
        logger.LogInformation("{Who} acknowledged incident {Id} ({Node} {Rule}) by button", context.Who, incident.Id, incident.Node, incident.RuleId);
        return texts["incident.toast.acked"];
    }

    private async Task<string> MuteAsync(Incident incident, CallbackContext context, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (!DurationText.TryParse(context.Data.Args[1], out var duration))
        {
            return texts["incident.toast.unknown"];
        }

        var until = now + duration;
        var silence = new Silence(
            "",
            [new Matcher("node", incident.Node), new Matcher("rule", incident.RuleId)],
            now,
            until,
            context.Who,
            texts.Format("incident.mute.reason", incident.Id));
        var ids = await muting.RecordAsync(new MutingChange.Mute(silence) { UpdateId = context.UpdateId }, ct);
        if (ids.Count == 0 && incident.MutedUntil is { } already)
        {
            // A redelivered press: the silence exists and the message says so.
            return texts.Format("incident.toast.muted", IncidentText.Clock(already));
        }

        await incidents.MuteAsync(incident.Id, until, IncidentButton.Name(context.Who), now, ct);
        logger.LogInformation("{Who} muted incident {Id} ({Node} {Rule}) until {Until:O} by button", context.Who, incident.Id, incident.Node, incident.RuleId, until);
        return texts.Format("incident.toast.muted", IncidentText.Clock(until));
    }
}
