using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Domain.Notifications;
using ChatOpsWatch.Infrastructure.Delivery;
using Microsoft.Extensions.Logging;
using Telegram.Bot;
using Telegram.Bot.Types.Enums;

namespace ChatOpsWatch.Infrastructure.Telegram.NodeAdmin;

/// <summary>
/// How /addnode and /removenode talk back. Answers and confirmation prompts (with their buttons) go through the
/// durable outbox like every message, so a prompt is paced, retried and never lost while Telegram is unreachable;
/// a prompt that arrives after its change expired answers its buttons with "expired". A settled prompt is edited in
/// place, which also removes its buttons.
/// </summary>
public sealed class NodePrompts(ITelegramBotClient bot, OutboxWriter replies, ILogger<NodePrompts> log)
{
    public Task ReplyAsync(long chatId, string html, CancellationToken ct) =>
        replies.EnqueueAsync(new OutboxMessage(MessageKind.Reply, Severity.None, html, chatId), ct);

    /// <summary>
    /// Queues <paramref name="html"/> with one row of buttons (label, callback data) in the asker's topic. False when
    /// the outbox could not take it (the store failed): the caller then drops the change.
    /// </summary>
    public async Task<bool> AskAsync(long chatId, int? threadId, string html, IReadOnlyList<(string Label, string Data)> buttons, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(buttons);
        var prompt = new OutboxMessage(MessageKind.Reply, Severity.None, html, chatId)
        {
            ThreadId = threadId,
            Buttons = [[.. buttons.Select(b => new InlineButton(b.Label, b.Data))]],
        };
        try
        {
            await replies.EnqueueAsync(prompt, ct);
            return true;
        }
        catch (Domain.Ports.StorageException e)
        {
            log.LogError(e, "Could not queue a confirmation prompt for chat {ChatId}", chatId);
            return false;
        }
    }

    /// <summary>Replaces the prompt's text (and so its buttons) with the outcome; if that fails, the outcome is sent as a reply.</summary>
    public async Task SettleAsync(long chatId, int? messageId, string html, CancellationToken ct)
    {
        if (messageId is { } id)
        {
            try
            {
                await bot.EditMessageText(chatId, id, html, parseMode: ParseMode.Html, cancellationToken: ct);
                return;
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                log.LogWarning("Could not edit prompt {MessageId} in chat {ChatId}: {Error}; replying instead", id, chatId, TelegramErrors.Describe(e));
            }
        }

        await ReplyAsync(chatId, html, ct);
    }
}
