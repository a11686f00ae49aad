using ChatOpsWatch.Domain.Notifications;
using ChatOpsWatch.Domain.Ports;
using Microsoft.Extensions.Logging;
using Telegram.Bot;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using Telegram.Bot.Types.ReplyMarkups;
using ChatOpsWatch.Infrastructure.Chat;

namespace ChatOpsWatch.Infrastructure.Telegram;

/// <summary>
/// Sends outbox messages with sendMessage in HTML mode (warnings silently), in the message's forum topic, with its
/// inline buttons and as a reply when it names one; edits incident messages with editMessageText. Never throws for
/// delivery problems (see <see cref="IMessageSender"/>). Give it a client built with RetryThreshold 0
/// (<see cref="TelegramClientFactory"/>): a 429 must come back to the outbox, not block here. Its probe is getMe, and
/// once that answers, the update poller catches up first (<see cref="CommandIntake"/>).
/// </summary>
public sealed class TelegramMessageSender(ITelegramBotClient bot, CommandIntake intake, ILogger<TelegramMessageSender> logger) : IMessageSender
{
    /// <summary>How long a resuming delivery lets the update poller take in the commands typed during the outage.</summary>
    public static readonly TimeSpan CatchUpWait = TimeSpan.FromSeconds(2);

    private static readonly LinkPreviewOptions NoPreview = new() { IsDisabled = true };

    /// <summary>getMe: the cheapest call that proves the Bot API answers this token. Then the poller catches up.</summary>
    public async Task<bool> ProbeAsync(CancellationToken ct)
    {
        try
        {
            await bot.GetMe(ct);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            logger.LogDebug("Bot API probe (getMe) failed: {Error}", TelegramErrors.Describe(e));
            return false;
        }

        await intake.CatchUpAsync(CatchUpWait, ct);
        return true;
    }

    /// <summary>
    /// Text over 4096 characters goes as several messages. If a later piece fails, the outcome is that
    /// failure and the retry sends every piece again: a repeated piece is better than a lost one.
    /// Returns the first piece's message id. The first piece is the reply; the last one carries the buttons.
    /// </summary>
    public async Task<SendOutcome> SendAsync(long chatId, OutboxMessage message, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Photo is { } photo)
        {
            return await SendPhotoAsync(chatId, photo, message, ct);
        }

        long? first = null;
        var pieces = TelegramHtmlSplitter.Split(message.Html);
        for (var i = 0; i < pieces.Count; i++)
        {
            var piece = new Piece(pieces[i], i == 0 ? Reply(message) : null, i == pieces.Count - 1 ? Keyboard(message) : null);
            var outcome = await SendPieceAsync(chatId, piece, message, ct);
            if (outcome is not SendOutcome.Sent sent)
            {
                return outcome;
            }

            first ??= sent.MessageId;
        }

        return new SendOutcome.Sent(first);
    }

    /// <summary>A photo with its HTML caption, in the message's topic; a refused caption markup is sent once more as plain text.</summary>
    private async Task<SendOutcome> SendPhotoAsync(long chatId, byte[] photo, OutboxMessage message, CancellationToken ct)
    {
        foreach (var (text, mode) in new[] { (message.Html, ParseMode.Html), (Html.ToPlainText(message.Html), ParseMode.None) })
        {
            try
            {
                using var stream = new MemoryStream(photo, writable: false);
                var m = await bot.SendPhoto(
                    chatId,
                    InputFile.FromStream(stream, "chart.png"),
                    text,
                    mode,
                    replyParameters: Reply(message),
                    messageThreadId: message.ThreadId,
                    disableNotification: message.Silent,
                    cancellationToken: ct);
                return new SendOutcome.Sent(m.Id);
            }
            catch (Exception e) when (mode == ParseMode.Html && TelegramErrors.IsMarkupRefused(e))
            {
                logger.LogWarning("Telegram refused the caption markup of a photo to chat {ChatId} ({Error}); sending it once more as plain text", chatId, e.Message);
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                return TelegramErrors.Classify(e);
            }
        }

        return new SendOutcome.Permanent("Telegram refused the photo's caption, as HTML and as plain text.");
    }

    /// <summary>Only the first 4096 characters fit in an edit; incident texts are far shorter.</summary>
    public async Task<SendOutcome> EditAsync(long chatId, long messageId, OutboxMessage message, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(message);
        var html = TelegramHtmlSplitter.Split(message.Html)[0];
        try
        {
            await bot.EditMessageText(chatId, checked((int)messageId), html, ParseMode.Html, replyMarkup: Keyboard(message), linkPreviewOptions: NoPreview, cancellationToken: ct);
            return new SendOutcome.Sent(messageId);
        }
        catch (Exception e) when (TelegramErrors.IsNotModified(e))
        {
            return new SendOutcome.Sent(messageId);
        }
        catch (Exception e) when (TelegramErrors.IsEditTargetGone(e))
        {
            return new SendOutcome.TargetGone(TelegramErrors.Describe(e));
        }
        catch (Exception e) when (TelegramErrors.IsMarkupRefused(e))
        {
            logger.LogWarning("Telegram refused the markup of an edit in chat {ChatId} ({Error}); editing it once more as plain text", chatId, e.Message);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            return TelegramErrors.Classify(e);
        }

        try
        {
            var plain = TelegramHtmlSplitter.SplitPlain(Html.ToPlainText(html))[0];
            await bot.EditMessageText(chatId, checked((int)messageId), plain, ParseMode.None, replyMarkup: Keyboard(message), linkPreviewOptions: NoPreview, cancellationToken: ct);
            return new SendOutcome.Sent(messageId);
        }
        catch (Exception e) when (TelegramErrors.IsNotModified(e))
        {
            return new SendOutcome.Sent(messageId);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            return TelegramErrors.IsEditTargetGone(e) ? new SendOutcome.TargetGone(TelegramErrors.Describe(e)) : TelegramErrors.Classify(e);
        }
    }

    private static ReplyParameters? Reply(OutboxMessage m) =>
        m.ReplyToMessageId is { } id ? new ReplyParameters { MessageId = checked((int)id), AllowSendingWithoutReply = true } : null;

    private static InlineKeyboardMarkup? Keyboard(OutboxMessage m) =>
        m.Buttons is { Count: > 0 } rows
            ? new InlineKeyboardMarkup(rows.Select(r => r.Select(b => InlineKeyboardButton.WithCallbackData(b.Text, b.Data))))
            : null;

    private async Task<SendOutcome> SendPieceAsync(long chatId, Piece piece, OutboxMessage message, CancellationToken ct)
    {
        try
        {
            var m = await bot.SendMessage(chatId, piece.Html, ParseMode.Html, replyParameters: piece.Reply, replyMarkup: piece.Keyboard,
                linkPreviewOptions: NoPreview, messageThreadId: message.ThreadId, disableNotification: message.Silent, cancellationToken: ct);
            return new SendOutcome.Sent(m.Id);
        }
        catch (Exception e) when (TelegramErrors.IsMarkupRefused(e))
        {
            logger.LogWarning("Telegram refused the markup of a message to chat {ChatId} ({Error}); sending it once more as plain text", chatId, e.Message);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            return TelegramErrors.Classify(e);
        }

        long? firstPlain = null;
        var plains = TelegramHtmlSplitter.SplitPlain(Html.ToPlainText(piece.Html));
        for (var i = 0; i < plains.Count; i++)
        {
            try
            {
                var m = await bot.SendMessage(chatId, plains[i], ParseMode.None, replyParameters: i == 0 ? piece.Reply : null,
                    replyMarkup: i == plains.Count - 1 ? piece.Keyboard : null, linkPreviewOptions: NoPreview,
                    messageThreadId: message.ThreadId, disableNotification: message.Silent, cancellationToken: ct);
                firstPlain ??= m.Id;
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                return TelegramErrors.Classify(e);
            }
        }

        return new SendOutcome.Sent(firstPlain);
    }

    private sealed record Piece(string Html, ReplyParameters? Reply, InlineKeyboardMarkup? Keyboard);
}
