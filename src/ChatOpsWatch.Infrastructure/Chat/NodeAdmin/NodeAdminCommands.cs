using ChatOpsWatch.Domain.Chat;
using ChatOpsWatch.Domain.Chat.NodeAdmin;
using ChatOpsWatch.Domain.Nodes;
using ChatOpsWatch.Domain.Ports;
using ChatOpsWatch.Infrastructure.Ssh;
using Microsoft.Extensions.Logging;
using ChatOpsWatch.Infrastructure.Telegram;
using ChatOpsWatch.Infrastructure.Telegram.NodeAdmin;

namespace ChatOpsWatch.Infrastructure.Chat.NodeAdmin;

/// <summary>
/// /addnode and /removenode (access was checked by <see cref="ChatUpdateHandler"/>: an allowed chat, an admin, not
/// forwarded or anonymous). /addnode validates every value, refuses a name the fleet already has, records the request
/// against its update id (a redelivered update stops there, before any connection), reads the host key without
/// logging in, and asks for [Trust]. /removenode asks for [Remove]. The presses are <see cref="NodeAdminButtons"/>.
/// </summary>
public sealed class NodeAdminCommands(NodeAdminParts parts, IHostKeyScanner scanner, NodePrompts prompts, ILogger<NodeAdminCommands> log) : IChatCommandHandler
{
    public const string Action = "node";

    public IReadOnlyCollection<ChatCommandKind> Kinds { get; } = [ChatCommandKind.AddNode, ChatCommandKind.RemoveNode];

    public async Task HandleAsync(CommandContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            if (context.Command.Kind == ChatCommandKind.AddNode)
            {
                await AddAsync(context, ct);
            }
            else
            {
                await RemoveAsync(context, ct);
            }
        }
        catch (StorageException e)
        {
            log.LogError(e, "/{Command} by {Who}: the store failed; nothing changed", context.Command.Name, context.Who);
            await prompts.ReplyAsync(context.Request.ChatId, parts.Text["nodeadmin.store_failed"], ct);
        }
    }

    private async Task AddAsync(CommandContext context, CancellationToken ct)
    {
        var chatId = context.Request.ChatId;
        var (request, problem) = NodeAddParser.Parse(context.Command.Args);
        var refusal = problem is not null ? NodeAdminReplies.Refused(parts.Text, problem) : await ClashAsync(request!, ct);
        if (refusal is not null)
        {
            log.LogWarning("/addnode by {Who} refused: {Reason}", context.Who, Domain.Notifications.Html.ToPlainText(refusal));
            await prompts.ReplyAsync(chatId, refusal, ct);
            return;
        }

        var node = request!;
        var what = $"{node.Name} {node.Target} {node.Info.TagLine} key={node.KeyName}";
        if (!await parts.Store.AuditAsync(Audit(context, "addnode-request", what, null), ct))
        {
            log.LogWarning("/addnode of {Node}: update {UpdateId} was handled before; ignoring the redelivery", node.Name, context.UpdateId);
            return;
        }

        var scan = await scanner.ScanAsync(node.Host, node.Port, ct);
        if (scan.Key is not { } key)
        {
            log.LogWarning("/addnode of {Node}: no host key from {Target}: {Error}", node.Name, node.Target, scan.Error);
            await prompts.ReplyAsync(chatId, NodeAdminReplies.Named(parts.Text, "nodeadmin.scan.failed", node.Name, node.Target, scan.Error ?? "?"), ct);
            return;
        }

        var id = parts.Pending.Add(new PendingAdd(node, key, chatId, context.Who, parts.Pending.ExpiryOfNew));
        log.LogInformation("/addnode of {Node} ({Target}) by {Who}: host key {Algorithm} {Fingerprint}, waiting for [Trust]", node.Name, node.Target, context.Who, key.Algorithm, key.Fingerprint);
        var html = NodeAdminReplies.AddPrompt(parts.Text, node, key.Algorithm, key.Fingerprint, parts.Pending.Ttl);
        await AskAsync(context, id, html, ("nodeadmin.button.trust", NodeAdminButtons.Trust), ("nodeadmin.button.reject", NodeAdminButtons.Reject), ct);
    }

    private async Task RemoveAsync(CommandContext context, CancellationToken ct)
    {
        var chatId = context.Request.ChatId;
        if (context.Command.Args.Count != 1)
        {
            await prompts.ReplyAsync(chatId, parts.Text["nodeadmin.remove.usage"], ct);
            return;
        }

        var name = context.Command.Args[0];
        var reply = !NodeName.IsValid(name) ? ChatReplies.InvalidNodeName(name, parts.Text)
            : parts.Fleet.IsConfigured(name) ? NodeAdminReplies.Named(parts.Text, "nodeadmin.remove.config", name)
            : null;
        var node = reply is null ? (await parts.Store.ActiveAsync(ct)).FirstOrDefault(n => string.Equals(n.Name, name, StringComparison.OrdinalIgnoreCase)) : null;
        if (reply is null && node is null)
        {
            reply = NodeAdminReplies.Named(parts.Text, "nodeadmin.remove.unknown", name);
        }

        if (reply is not null)
        {
            await prompts.ReplyAsync(chatId, reply, ct);
            return;
        }

        if (!await parts.Store.AuditAsync(Audit(context, "removenode-request", node!.Name, null), ct))
        {
            log.LogWarning("/removenode of {Node}: update {UpdateId} was handled before; ignoring the redelivery", node.Name, context.UpdateId);
            return;
        }

        var id = parts.Pending.Add(new PendingRemove(node.Name, node.Spec.Target, chatId, context.Who, parts.Pending.ExpiryOfNew));
        var html = NodeAdminReplies.RemovePrompt(parts.Text, node.Name, node.Spec.Target, parts.Pending.Ttl);
        await AskAsync(context, id, html, ("nodeadmin.button.remove", NodeAdminButtons.Remove), ("nodeadmin.button.cancel", NodeAdminButtons.Cancel), ct);
    }

    /// <summary>The reason (HTML) a valid request still cannot be added: a name taken, or a login key not configured.</summary>
    private async Task<string?> ClashAsync(NodeAddRequest node, CancellationToken ct)
    {
        string? Reason(string key, string value) => NodeAdminReplies.Refused(parts.Text, NodeAdminReplies.Named(parts.Text, key, value));
        if (parts.Fleet.IsConfigured(node.Name))
        {
            return Reason("nodeadmin.duplicate.config", node.Name);
        }

        if ((await parts.Store.ActiveAsync(ct)).Any(n => string.Equals(n.Name, node.Name, StringComparison.OrdinalIgnoreCase)))
        {
            return Reason("nodeadmin.duplicate.chat", node.Name);
        }

        if (parts.Pending.IsWaiting<PendingAdd>(node.Name))
        {
            return Reason("nodeadmin.duplicate.pending", node.Name);
        }

        return parts.Fleet.HasKey(node.KeyName) ? null : Reason("nodeadmin.unknown_key", node.KeyName);
    }

    private async Task AskAsync(CommandContext context, string id, string html, (string Label, string Verb) yes, (string Label, string Verb) no, CancellationToken ct)
    {
        var buttons = new[] { yes, no }.Select(b => (parts.Text[b.Label], CallbackData.Encode(Action, id, b.Verb))).ToList();
        if (!await prompts.AskAsync(context.Request.ChatId, context.ThreadId, html, buttons, ct))
        {
            parts.Pending.Drop(id);
            await prompts.ReplyAsync(context.Request.ChatId, parts.Text["nodeadmin.prompt_failed"], ct);
        }
    }

    private NodeAuditEntry Audit(CommandContext context, string action, string what, string? why) =>
        new(parts.Time.GetUtcNow(), context.Who, action, what, why, context.UpdateId);
}
