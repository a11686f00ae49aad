using ChatOpsWatch.Domain.Chat;
using ChatOpsWatch.Domain.Engine.Policy;
using ChatOpsWatch.Domain.Maintenance;
using ChatOpsWatch.Domain.Notifications;
using ChatOpsWatch.Domain.Ports;
using ChatOpsWatch.Domain.Text;
using ChatOpsWatch.Infrastructure.Delivery;
using Microsoft.Extensions.Logging;

namespace ChatOpsWatch.Infrastructure.Chat.Commands;

/// <summary>
/// /maint (admins; checked before this runs) records maintenance windows with their audit row; a redelivered update
/// changes nothing twice. /silences answers as before and adds the maintenance windows. A store failure is answered
/// with "nothing changed", never retried silently.
/// </summary>
public sealed class MaintCommands(
    IMonitorStore fleet, IMaintenanceStore store, IMutingStore muting, OutboxWriter replies, TextCatalog text, TimeProvider time, ILogger<MaintCommands> logger) : IChatCommandHandler
{
    public IReadOnlyCollection<ChatCommandKind> Kinds { get; } = [ChatCommandKind.Maint, ChatCommandKind.Silences];

    public async Task HandleAsync(CommandContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        string reply;
        try
        {
            reply = context.Command.Kind == ChatCommandKind.Silences
                ? await SilencesAsync(context, ct)
                : await MaintAsync(context, ct);
        }
        catch (StorageException e)
        {
            logger.LogError(e, "/{Command} by {Who}: the store failed; nothing changed", context.Command.Name, context.Who);
            reply = text["cmd.store_unavailable"];
        }

        await replies.ReplyAsync(context, reply, ct);
    }

    private async Task<string> SilencesAsync(CommandContext context, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var silences = MuteReplies.List((await muting.ActiveAsync(now, ct)).Silences, now, text);
        var plans = await store.ActiveAsync(now, ct);
        return silences + "\n\n" + MaintReplies.List(plans, text);
    }

    private async Task<string> MaintAsync(CommandContext context, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var targets = await FleetTargets.KnownAsync(fleet, ct);
        var (request, problem) = MaintParser.Parse(context.Command.Args, targets, now, text);
        switch (request)
        {
            case MaintRequest.Cancel cancel:
                var done = await store.CancelAsync(cancel.Id, context.Who, now, context.UpdateId, ct);
                logger.LogInformation("{Who} cancelled maintenance {Id}: {Done}", context.Who, cancel.Id, done);
                return done ? text.Format("maint.cancelled", cancel.Id) : text.Format("maint.cancel_unknown", Html.Escape(cancel.Id));
            case MaintRequest.Add add:
                var plan = new MaintenancePlan(string.Empty, [add.Target], add.Timing, context.Who, add.Reason, now);
                if (await store.AddAsync(plan, context.UpdateId, ct) is not { } id)
                {
                    return text["maint.already"];
                }

                logger.LogInformation("{Who} set maintenance {Id} on {Label}={Value}: {Reason}", context.Who, id, add.Target.Label, add.Target.Value, add.Reason);
                return MaintReplies.Added(plan with { Id = id }, text);
            default:
                logger.LogInformation("/maint by {Who} refused: {Problem}", context.Who, problem);
                return problem!;
        }
    }
}
