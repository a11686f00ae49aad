using ChatOpsWatch.Domain.Chat;
using ChatOpsWatch.Domain.Engine;
using ChatOpsWatch.Domain.Engine.Policy;
using ChatOpsWatch.Domain.Incidents;
using ChatOpsWatch.Domain.Ports;
using ChatOpsWatch.Domain.Text;
using ChatOpsWatch.Infrastructure.Delivery;
using Microsoft.Extensions.Logging;

namespace ChatOpsWatch.Infrastructure.Chat;

/// <summary>
/// /mute, /unmute and /ack: validate against the fleet's known names, record through
/// <see cref="IMutingStore"/> (with the audit row), and reply. Access was checked by the caller (an admin for all three).
/// A store failure is logged and answered with "nothing changed"; it is never retried silently. Replies are in
/// the configured language (<see cref="TextCatalog"/>). /silences is <see cref="Commands.MaintCommands"/>'s.
/// </summary>
public sealed class MuteCommands(
    IMonitorStore fleet, IMutingStore muting, OutboxWriter replies, TimeProvider time, TextCatalog texts, ILogger<MuteCommands> logger, IIncidentStore? incidents = null)
    : IChatCommandHandler
{
    public IReadOnlyCollection<ChatCommandKind> Kinds { get; } = [ChatCommandKind.Mute, ChatCommandKind.Unmute, ChatCommandKind.Ack];

    public async Task HandleAsync(CommandContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        await Commands.CommandReplies.ReplyAsync(replies, context, await ReplyAsync(context.Command, context.Who, context.UpdateId, ct), ct);
    }

    /// <summary>The reply (Telegram HTML) to <paramref name="command"/>, sent by <paramref name="who"/> in update <paramref name="updateId"/>.</summary>
    internal async Task<string> ReplyAsync(ChatCommand command, string who, long updateId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        try
        {
            var now = time.GetUtcNow();
            return command.Kind switch
            {
                ChatCommandKind.Mute => await MuteAsync(command, who, updateId, now, ct),
                ChatCommandKind.Unmute => await UnmuteAsync(command, who, updateId, now, ct),
                ChatCommandKind.Ack => await AckAsync(command, who, updateId, now, ct),
                _ => throw new ArgumentException($"/{command.Name} is not a mute command.", nameof(command)),
            };
        }
        catch (StorageException e)
        {
            logger.LogError(e, "/{Command} by {Who}: the store failed; nothing changed", command.Name, who);
            return MuteReplies.StoreUnavailable(texts);
        }
    }

    private async Task<string> MuteAsync(ChatCommand command, string who, long updateId, DateTimeOffset now, CancellationToken ct)
    {
        if (command.Args.Count >= ChatCommandParser.MaxArgs)
        {
            return MuteReplies.Invalid(command.Name, texts.Format("mute.problem.reason_words", MuteParser.MaxReasonWords), texts);
        }

        var (request, problem) = MuteParser.ParseMute(command.Args, await Commands.FleetTargets.KnownAsync(fleet, ct), texts);
        if (request is null)
        {
            return MuteReplies.Invalid(command.Name, problem ?? texts["mute.problem.invalid"], texts);
        }

        var silence = new Silence("", [request.Target], now, now + request.Duration, who, request.Reason);
        var ids = await muting.RecordAsync(new MutingChange.Mute(silence) { UpdateId = updateId }, ct);
        if (ids.Count == 0)
        {
            return MuteReplies.AlreadyApplied(texts);
        }

        logger.LogInformation("{Who} muted {Label}={Value} until {Until:O}: {Reason}", who, request.Target.Label, request.Target.Value, silence.Expires, silence.Comment);
        return MuteReplies.Muted(silence with { Id = ids[0] }, texts);
    }

    private async Task<string> UnmuteAsync(ChatCommand command, string who, long updateId, DateTimeOffset now, CancellationToken ct)
    {
        if (command.Args.Count != 1)
        {
            return MuteReplies.Invalid(command.Name, texts["mute.problem.usage_unmute"], texts);
        }

        if (MuteParser.TargetProblem(command.Args[0], texts) is { } problem)
        {
            return MuteReplies.Invalid(command.Name, problem, texts);
        }

        var ids = await muting.RecordAsync(new MutingChange.Unmute(command.Args[0], who, now) { UpdateId = updateId }, ct);
        logger.LogInformation("{Who} unmuted {Target}: {Count} silence(s) ended", who, command.Args[0], ids.Count);
        return MuteReplies.Unmuted(ids, who, texts);
    }

    private async Task<string> AckAsync(ChatCommand command, string who, long updateId, DateTimeOffset now, CancellationToken ct)
    {
        if (command.Args.Count is 0 or > 2)
        {
            return MuteReplies.Invalid(command.Name, texts["mute.problem.usage_ack"], texts);
        }

        var known = await fleet.FleetAsync(ct);
        if (command.Args.Count == 1 && incidents is not null && IncidentRef(command.Args[0], known) is { } id)
        {
            return await AckIncidentAsync(id, who, updateId, now, ct);
        }

        if (command.Args.Select(a => MuteParser.TargetProblem(a, texts)).FirstOrDefault(p => p is not null) is { } problem)
        {
            return MuteReplies.Invalid(command.Name, problem, texts);
        }

        var node = command.Args[0];
        if (!known.Any(n => n.Node.Name == node))
        {
            return ChatReplies.UnknownNode(node, texts);
        }

        var rule = command.Args.Count > 1 ? command.Args[1] : null;
        var acks = (await fleet.LoadEngineStatesAsync(node, ct))
            .Where(a => a.State.Phase == RulePhase.Firing && a.State.FiringSince is not null && (rule is null || a.RuleId == rule))
            .Select(a => new Acknowledgement(node, a.RuleId, a.State.FiringSince!.Value, who, now))
            .ToList();

        // Open incidents the engine does not hold (a node down, a changed host key, unreadable output) are acknowledged
        // too, and the reply names them: the incident messages say who acknowledged them, as after the Ack button.
        var open = incidents is null ? []
            : (await incidents.OpenAsync(ct)).Where(i => i.Node == node && (rule is null || i.RuleId == rule) && i.AckedBy is null).ToList();
        acks = [.. acks.Concat(open.Select(i => new Acknowledgement(node, i.RuleId, i.FiringSince ?? i.OpenedAt, who, now)))
            .DistinctBy(a => (a.Rule, a.FiringSince))];
        if (acks.Count > 0)
        {
            await muting.RecordAsync(new MutingChange.Ack(acks, who, now) { UpdateId = updateId }, ct);
            logger.LogInformation("{Who} acknowledged {Count} firing alert(s) on {Node}", who, acks.Count, node);
        }

        foreach (var incident in open)
        {
            await incidents!.AckAsync(incident.Id, Incidents.IncidentButton.Name(who), now, ct);
        }

        return MuteReplies.Acked(node, acks, texts);
    }

    /// <summary>
    /// "/ack #12" or "/ack 12": incident 12, as its Ack button does (with the same audit and the message edited).
    /// Plain digits are a node's name when such a node exists.
    /// </summary>
    private static long? IncidentRef(string arg, IReadOnlyList<NodeStatus> known)
    {
        var digits = arg.StartsWith('#') ? arg[1..] : arg;
        var isId = digits.Length is > 0 and <= 18 && digits.All(char.IsAsciiDigit);
        return isId && (arg[0] == '#' || !known.Any(n => n.Node.Name == arg)) ? long.Parse(digits, System.Globalization.CultureInfo.InvariantCulture) : null;
    }

    private async Task<string> AckIncidentAsync(long id, string who, long updateId, DateTimeOffset now, CancellationToken ct)
    {
        var incident = await incidents!.GetAsync(id, ct);
        if (incident is null)
        {
            return texts.Format("mute.ack.incident_unknown", id);
        }

        if (!incident.IsOpen)
        {
            return texts.Format("mute.ack.incident_resolved", id);
        }

        if (incident.AckedBy is { } by)
        {
            return texts.Format("mute.ack.incident_already", id, Domain.Notifications.Html.Escape(by));
        }

        await Incidents.IncidentAcks.RecordAsync(muting, incidents, incident, who, updateId, now, ct);
        logger.LogInformation("{Who} acknowledged incident {Id} ({Node} {Rule}) by command", who, incident.Id, incident.Node, incident.RuleId);
        return texts.Format("mute.ack.incident_done", id, Domain.Notifications.Html.Escape(incident.Node), Domain.Notifications.Html.Escape(incident.RuleId), Domain.Notifications.Html.Escape(who));
    }
}
