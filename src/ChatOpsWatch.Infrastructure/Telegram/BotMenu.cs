using ChatOpsWatch.Domain.Chat;
using ChatOpsWatch.Domain.Text;
using Microsoft.Extensions.Logging;
using Telegram.Bot;
using Telegram.Bot.Types;

namespace ChatOpsWatch.Infrastructure.Telegram;

/// <summary>
/// The command menu Telegram shows next to the text box (setMyCommands): every command of
/// <see cref="ChatCommands.All"/> with its description in the configured language. It is published as the
/// default menu, for every user whatever their app's language, because the bot answers in one language only.
/// </summary>
public static class BotMenu
{
    public static IReadOnlyList<BotCommand> Commands(TextCatalog texts) =>
        [.. ChatCommands.All.Select(c => new BotCommand(c.Name, ChatCommands.Description(c, texts)))];

    /// <summary>Publishes the menu. A failure is logged, not thrown: only the menu is missing, commands still work when typed.</summary>
    public static async Task PublishAsync(ITelegramBotClient bot, TextCatalog texts, ILogger logger, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(bot);
        try
        {
            await bot.SetMyCommands(Commands(texts), cancellationToken: ct);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            logger.LogWarning("Could not publish the bot's command menu (setMyCommands): {Error}", TelegramErrors.Describe(e));
        }
    }
}
