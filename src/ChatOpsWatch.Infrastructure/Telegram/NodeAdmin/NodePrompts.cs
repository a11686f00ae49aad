using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Domain.Notifications;
using ChatOpsWatch.Infrastructure.Delivery;
using Microsoft.Extensions.Logging;
using Telegram.Bot;
using Telegram.Bot.Types.Enums;
using Telegram.Bot.Types.ReplyMarkups;

namespace ChatOpsWatch.Infrastructure.Telegram.NodeAdmin;

/// <summary>
/// How /addnode and /removenode talk back. Plain answers go through the outbox like every reply. A confirmation
/// with buttons is sent directly, because the outbox carries no buttons and an admin waits for it; when that send
/// fails the caller drops the change, so nothing waits on a prompt nobody saw. A settled prompt is edited in place,
/// which also removes its buttons.
/// </summary>
public sealed class NodePrompts(ITelegramBotClient bot, OutboxWriter replies, ILogger<NodePrompts> log)
{
    public Task ReplyAsync(long chatId, string html, CancellationToken ct) =>
        replies.EnqueueAsync(new OutboxMessage(MessageKind.Reply, Severity.None, html, chatId), ct);

    /// <summary>Sends <paramref name="html"/> with one row of buttons (label, callback data). False when Telegram refused or failed.</summary>
    public async Task<bool> AskAsync(long chatId, int? threadId, string html, IReadOnlyList<(string Label, string Data)> buttons, CancellationToken ct)
    {
        var keyboard = new InlineKeyboardMarkup(buttons.Select(b => InlineKeyboardButton.WithCallbackData(b.Label, b.Data)));
        try
        {
            await bot.SendMessage(chatId, html, parseMode: ParseMode.Html, replyMarkup: keyboard, messageThreadId: threadId, cancellationToken: ct);
            return true;
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            log.LogError("Could not send a confirmation prompt to chat {ChatId}: {Error}", chatId, TelegramErrors.Describe(e));
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
