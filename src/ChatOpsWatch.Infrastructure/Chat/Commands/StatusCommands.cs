using ChatOpsWatch.Domain.Chat;
using ChatOpsWatch.Domain.Commands;
using ChatOpsWatch.Domain.Nodes;
using ChatOpsWatch.Domain.Notifications;
using ChatOpsWatch.Domain.Ports;
using ChatOpsWatch.Domain.Status;
using ChatOpsWatch.Domain.Text;
using ChatOpsWatch.Infrastructure.Delivery;
using Microsoft.Extensions.Logging;

namespace ChatOpsWatch.Infrastructure.Chat.Commands;

/// <summary>
/// /status (counts by state, then every node worst first), /status &lt;node&gt; and /node &lt;node&gt; (one node's
/// indicators by layer and its open alerts), /nodes [tag]. Read-only. A store failure is answered, never retried silently.
/// </summary>
public sealed class StatusCommands(IMonitorStore store, OutboxWriter replies, TextCatalog text, TimeProvider time, ILogger<StatusCommands> logger) : IChatCommandHandler
{
    public IReadOnlyCollection<ChatCommandKind> Kinds { get; } = [ChatCommandKind.Status, ChatCommandKind.Node, ChatCommandKind.Nodes];

    public async Task HandleAsync(CommandContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        var command = context.Command;
        IReadOnlyList<NodeStatus> fleet;
        try
        {
            fleet = await store.FleetAsync(ct);
        }
        catch (StorageException e)
        {
            logger.LogError(e, "/{Command} in chat {ChatId}: the store could not be read", command.Name, context.Request.ChatId);
            await replies.ReplyAsync(context, ChatReplies.StatusUnavailable(text), ct);
            return;
        }

        var now = time.GetUtcNow();
        var reply = command switch
        {
            { Kind: ChatCommandKind.Nodes } => Nodes(fleet, command.Args, now),
            { Kind: ChatCommandKind.Node, Args.Count: not 1 } => text["node.usage"],
            { Kind: ChatCommandKind.Status, Args.Count: 0 } => FleetStatusFormatter.Format(fleet, now, text),
            { Kind: ChatCommandKind.Status, Args.Count: > 1 } => text["node.usage"],
            _ => Node(fleet, command.Args[0], now),
        };
        await replies.ReplyAsync(context, reply, ct, MessageKind.Status);
    }

    private string Node(IReadOnlyList<NodeStatus> fleet, string name, DateTimeOffset now)
    {
        if (ArgCheck.Problem(name, text) is { } problem)
        {
            return problem;
        }

        if (!NodeName.IsValid(name))
        {
            return text.Format("cmd.node.invalid", Html.Escape(name));
        }

        return fleet.FirstOrDefault(s => string.Equals(s.Node.Name, name, StringComparison.OrdinalIgnoreCase)) is { } status
            ? NodeDetailFormatter.Format(status, now, text)
            : text.Format("cmd.node.unknown", Html.Escape(name));
    }

    private string Nodes(IReadOnlyList<NodeStatus> fleet, IReadOnlyList<string> args, DateTimeOffset now)
    {
        if (args.Count > 1)
        {
            return text["nodes.usage"];
        }

        var tag = args.Count == 1 ? args[0] : null;
        if (tag is not null && ArgCheck.Problem(tag, text) is { } problem)
        {
            return problem;
        }

        var known = NodeListFormatter.KnownTags(fleet);
        if (tag is not null && !known.Contains(tag, StringComparer.OrdinalIgnoreCase))
        {
            return text.Format("nodes.tag_unknown", Html.Escape(tag), Html.Escape(text.List(known.Take(30))));
        }

        return NodeListFormatter.Format(NodeListFormatter.Filter(fleet, tag), tag, now, text);
    }
}
