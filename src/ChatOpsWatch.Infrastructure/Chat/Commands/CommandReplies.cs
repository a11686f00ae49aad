using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Domain.Notifications;
using ChatOpsWatch.Infrastructure.Delivery;

namespace ChatOpsWatch.Infrastructure.Chat.Commands;

/// <summary>Enqueues a command's reply in the chat, and the forum topic, it came from.</summary>
internal static class CommandReplies
{
    public static Task<long> ReplyAsync(this OutboxWriter writer, CommandContext context, string html, CancellationToken ct, MessageKind kind = MessageKind.Reply) =>
        writer.EnqueueAsync(new OutboxMessage(kind, Severity.None, html, context.Request.ChatId) { ThreadId = context.ThreadId }, ct);
}
