using ChatOpsWatch.Domain.Notifications;
using ChatOpsWatch.Domain.Ports;
using Microsoft.Extensions.Logging;
using Telegram.Bot;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace ChatOpsWatch.Infrastructure.Telegram;

/// <summary>
/// Sends outbox messages with sendMessage in HTML mode; warnings arrive silently. Never throws for
/// delivery problems (see <see cref="IMessageSender"/>). Give it a client built with RetryThreshold 0
/// (<see cref="TelegramClientFactory"/>): a 429 must come back to the outbox, not block here.
/// </summary>
public sealed class TelegramMessageSender(ITelegramBotClient bot, ILogger<TelegramMessageSender> logger) : IMessageSender
{
    private static readonly LinkPreviewOptions NoPreview = new() { IsDisabled = true };

    /// <summary>
    /// Text over 4096 characters goes as several messages. If a later piece fails, the outcome is that
    /// failure and the retry sends every piece again: a repeated piece is better than a lost one.
    /// Returns the first piece's message id.
    /// </summary>
    public async Task<SendOutcome> SendAsync(long chatId, OutboxMessage message, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Photo is { } photo)
        {
            return await SendPhotoAsync(chatId, photo, message.Html, message.Silent, ct);
        }

        long? first = null;
        foreach (var piece in TelegramHtmlSplitter.Split(message.Html))
        {
            var outcome = await SendPieceAsync(chatId, piece, message.Silent, ct);
            if (outcome is not SendOutcome.Sent sent)
            {
                return outcome;
            }

            first ??= sent.MessageId;
        }

        return new SendOutcome.Sent(first);
    }

    /// <summary>A photo with its HTML caption; a refused caption markup is sent once more as plain text.</summary>
    private async Task<SendOutcome> SendPhotoAsync(long chatId, byte[] photo, string caption, bool silent, CancellationToken ct)
    {
        foreach (var (text, mode) in new[] { (caption, ParseMode.Html), (Html.ToPlainText(caption), ParseMode.None) })
        {
            try
            {
                using var stream = new MemoryStream(photo, writable: false);
                var m = await bot.SendPhoto(chatId, InputFile.FromStream(stream, "chart.png"), text, mode, disableNotification: silent, cancellationToken: ct);
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

    private async Task<SendOutcome> SendPieceAsync(long chatId, string html, bool silent, CancellationToken ct)
    {
        try
        {
            var m = await bot.SendMessage(chatId, html, ParseMode.Html, linkPreviewOptions: NoPreview, disableNotification: silent, cancellationToken: ct);
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
        foreach (var plain in TelegramHtmlSplitter.SplitPlain(Html.ToPlainText(html)))
        {
            try
            {
                var m = await bot.SendMessage(chatId, plain, ParseMode.None, linkPreviewOptions: NoPreview, disableNotification: silent, cancellationToken: ct);
                firstPlain ??= m.Id;
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                return TelegramErrors.Classify(e);
            }
        }

        return new SendOutcome.Sent(firstPlain);
    }
}
