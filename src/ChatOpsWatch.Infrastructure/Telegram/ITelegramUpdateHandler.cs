using Telegram.Bot.Types;

namespace ChatOpsWatch.Infrastructure.Telegram;

/// <summary>
/// Acts on one update from getUpdates or the webhook. May throw (storage, network): the poller logs the
/// error with the update id and moves on, so one bad update cannot block every later one; the webhook
/// answers 500 so that Telegram delivers it again (see TelegramWebhookServer).
/// </summary>
public interface ITelegramUpdateHandler
{
    Task HandleAsync(Update update, CancellationToken ct);
}
