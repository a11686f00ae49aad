using Telegram.Bot.Types;

namespace ChatOpsWatch.Infrastructure.Telegram;

/// <summary>
/// Acts on one update from getUpdates. May throw (storage, network): the poller logs the error with
/// the update id and moves on, so one bad update cannot block every later one.
/// </summary>
public interface ITelegramUpdateHandler
{
    Task HandleAsync(Update update, CancellationToken ct);
}
