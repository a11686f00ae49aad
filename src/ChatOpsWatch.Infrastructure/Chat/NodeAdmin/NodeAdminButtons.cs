using ChatOpsWatch.Domain.Chat;
using ChatOpsWatch.Domain.Chat.NodeAdmin;
using ChatOpsWatch.Domain.Ports;
using ChatOpsWatch.Domain.Security;
using Microsoft.Extensions.Logging;
using ChatOpsWatch.Infrastructure.Telegram;
using ChatOpsWatch.Infrastructure.Telegram.NodeAdmin;

namespace ChatOpsWatch.Infrastructure.Chat.NodeAdmin;

/// <summary>
/// The [Trust]/[Reject] and [Remove]/[Cancel] buttons ("node:&lt;id&gt;:&lt;verb&gt;"). Every press needs an admin
/// (checked by <see cref="ChatUpdateHandler"/>). A change is taken once: a second press, a press after expiry or a
/// redelivered update changes nothing. [Trust] pins exactly the key that was shown, stores the node with its audit
/// row, and only then starts its polls, so the first login happens after the pin exists.
/// </summary>
public sealed class NodeAdminButtons(NodeAdminParts parts, IHostKeyStore hostKeys, NodePrompts prompts, ILogger<NodeAdminButtons> log) : ICallbackHandler
{
    public const string Trust = "trust";
    public const string Reject = "reject";
    public const string Remove = "remove";
    public const string Cancel = "cancel";

    public IReadOnlyCollection<string> Actions { get; } = [NodeAdminCommands.Action];

    public bool ChangesState(CallbackData data) => true;

    public async Task<string?> HandleAsync(CallbackContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Data.Args.Count != 2)
        {
            return ChatReplies.ButtonUnknown(parts.Text);
        }

        var (id, verb) = (context.Data.Args[0], context.Data.Args[1]);
        switch (parts.Pending.TryTake(id, context.ChatId, out var change))
        {
            case PendingTake.OtherChat:
                return parts.Text["nodeadmin.toast.other_chat"];
            case PendingTake.Expired:
                log.LogInformation("Button {Verb} of {Id} pressed by {Who}: expired or already answered", verb, id, context.Who);
                await prompts.SettleAsync(context.ChatId, context.MessageId, parts.Text["nodeadmin.expired"], ct);
                return parts.Text["nodeadmin.toast.expired"];
        }

        try
        {
            var outcome = (change, verb) switch
            {
                (PendingAdd add, Trust) => await TrustAsync(add, context, ct),
                (PendingAdd add, Reject) => await DeclineAsync(context, "addnode-rejected", add.Name, $"{add.Key.Algorithm} {add.Key.Fingerprint}", "nodeadmin.add.rejected", ct),
                (PendingRemove remove, Remove) => await RemoveAsync(remove, context, ct),
                (PendingRemove remove, Cancel) => await DeclineAsync(context, "removenode-cancelled", remove.Name, null, "nodeadmin.remove.cancelled", ct),
                _ => null,
            };
            if (outcome is null)
            {
                log.LogWarning("Button data {Verb} does not fit pending change {Id} ({Type}); dropped", verb, id, change!.GetType().Name);
                return ChatReplies.ButtonUnknown(parts.Text);
            }

            await prompts.SettleAsync(context.ChatId, context.MessageId, outcome, ct);
            return parts.Text["nodeadmin.toast.done"];
        }
        catch (StorageException e)
        {
            log.LogError(e, "Button {Verb} by {Who}: the store failed; nothing changed", verb, context.Who);
            await prompts.SettleAsync(context.ChatId, context.MessageId, parts.Text["nodeadmin.store_failed"], ct);
            return null;
        }
    }

    private async Task<string> TrustAsync(PendingAdd add, CallbackContext context, CancellationToken ct)
    {
        var node = add.Request;
        if (parts.Fleet.IsConfigured(node.Name))
        {
            // The configuration gained this name while the prompt waited: the file wins.
            return NodeAdminReplies.Refused(parts.Text, NodeAdminReplies.Named(parts.Text, "nodeadmin.duplicate.config", node.Name));
        }

        var now = parts.Time.GetUtcNow();

        // Pins of an earlier node of this name (removed, maybe elsewhere) must not decide for this one.
        await hostKeys.ForgetAsync(node.Name, ct);
        await hostKeys.PinAsync(new PinnedHostKey(node.Name, add.Key.Algorithm, add.Key.Fingerprint, $"chat: {context.Who}"), null, now, ct);
        var why = $"trusted {add.Key.Algorithm} {add.Key.Fingerprint} (asked by {add.RequestedBy})";
        var stored = new ChatNode(node, add.Key.Algorithm, add.Key.Fingerprint, context.Who, now);
        if (await parts.Store.AddAsync(stored, Audit(context, "addnode", $"{node.Name} {node.Target} {node.Info.TagLine} key={node.KeyName}", why), ct))
        {
            await parts.Fleet.NodesChangedAsync(ct);
            log.LogInformation("{Who} trusted {Node} ({Target}) with host key {Algorithm} {Fingerprint}: polling it", context.Who, node.Name, node.Target, add.Key.Algorithm, add.Key.Fingerprint);
        }

        return NodeAdminReplies.Added(parts.Text, node, context.Who, add.Key.Algorithm, add.Key.Fingerprint);
    }

    private async Task<string> RemoveAsync(PendingRemove remove, CallbackContext context, CancellationToken ct)
    {
        if (!await parts.Store.RemoveAsync(remove.Name, Audit(context, "removenode", $"{remove.Name} {remove.Target}", $"asked by {remove.RequestedBy}"), ct))
        {
            return NodeAdminReplies.Named(parts.Text, "nodeadmin.remove.unknown", remove.Name);
        }

        await parts.Fleet.NodesChangedAsync(ct);
        log.LogInformation("{Who} removed {Node}: no longer polled", context.Who, remove.Name);
        return NodeAdminReplies.Named(parts.Text, "nodeadmin.removed", remove.Name, context.Who);
    }

    private async Task<string> DeclineAsync(CallbackContext context, string action, string name, string? why, string textKey, CancellationToken ct)
    {
        await parts.Store.AuditAsync(Audit(context, action, name, why), ct);
        log.LogInformation("{Who}: {Action} {Node}", context.Who, action, name);
        return NodeAdminReplies.Named(parts.Text, textKey, name, context.Who);
    }

    private NodeAuditEntry Audit(CallbackContext context, string action, string what, string? why) =>
        new(parts.Time.GetUtcNow(), context.Who, action, what, why, context.UpdateId);
}
