using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Domain.Chat;
using ChatOpsWatch.Domain.Incidents;
using ChatOpsWatch.Domain.Notifications;
using ChatOpsWatch.Domain.Ports;
using ChatOpsWatch.Domain.Text;
using ChatOpsWatch.Infrastructure.Delivery;
using Microsoft.Extensions.Logging;

namespace ChatOpsWatch.Infrastructure.Chat.Incidents;

/// <summary>
/// The read-only buttons of an incident: Details replies with its whole record; Chart asks whichever command handler
/// answers /chart for the last 24 h of the incident's series (none registered: a toast says charts are unavailable).
/// </summary>
public sealed class IncidentViewButtons(
    IIncidentLog incidents,
    OutboxWriter replies,
    IEnumerable<IChatCommandHandler> commands,
    TextCatalog texts,
    TimeProvider time,
    ILogger<IncidentViewButtons> logger) : ICallbackHandler
{
    private readonly IChatCommandHandler? chart = commands.FirstOrDefault(h => h.Kinds.Contains(ChatCommandKind.Chart));

    public IReadOnlyCollection<string> Actions { get; } = ["chart", "details"];

    public bool ChangesState(CallbackData data) => false;

    public async Task<string?> HandleAsync(CallbackContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        Incident? incident;
        try
        {
            incident = await IncidentButton.FindAsync(incidents, context, 1, ct);
        }
        catch (StorageException e)
        {
            logger.LogError(e, "Button {Action} by {Who}: the incident could not be read", context.Data.Action, context.Who);
            return texts["incident.toast.store"];
        }

        if (incident is null)
        {
            return texts["incident.toast.unknown"];
        }

        if (context.Data.Action == "details")
        {
            var html = IncidentText.Details(incident, time.GetUtcNow(), texts);
            await replies.EnqueueAsync(new OutboxMessage(MessageKind.Reply, Severity.None, html, context.ChatId) { ThreadId = context.ThreadId, ReplyToMessageId = context.MessageId }, ct);
            return null;
        }

        if (chart is null)
        {
            return texts["incident.toast.no_charts"];
        }

        var command = new ChatCommand(ChatCommandKind.Chart, "chart", [incident.Node, incident.Series, "24h"], AddressedToUs: true);
        var request = new ChatRequest(context.ChatId, context.ChatId > 0, context.UserId, null, false);
        await chart.HandleAsync(new CommandContext(command, request, context.Who, context.UpdateId, context.ThreadId), ct);
        return null;
    }
}
