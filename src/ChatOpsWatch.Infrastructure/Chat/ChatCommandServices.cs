using ChatOpsWatch.Infrastructure.Chat.Commands;
using ChatOpsWatch.Infrastructure.Chat.Incidents;
using ChatOpsWatch.Infrastructure.Chat.NodeAdmin;
using Microsoft.Extensions.DependencyInjection;
using ChatOpsWatch.Infrastructure.Telegram;
using ChatOpsWatch.Infrastructure.Telegram.NodeAdmin;

namespace ChatOpsWatch.Infrastructure.Chat;

/// <summary>
/// The one wiring of the chat: every command and button handler and the <see cref="ChatUpdateHandler"/> that routes to
/// them, shared by the composition root and the test harnesses, so a test talks to the handlers production runs.
/// The caller registers what they stand on: the stores, <c>OutboxWriter</c>, <c>IOutboxSignal</c>, <c>TextCatalog</c>,
/// <c>TimeProvider</c>, <c>ITelegramBotClient</c>, <c>ChatAccessPolicy</c>, <c>ChartOptions</c>,
/// <c>IFindingSource</c>, <c>RetentionOptions</c> (for /storage), and for /addnode the <c>INodeFleet</c>, <c>IHostKeyScanner</c> and <c>PendingNodeChanges</c>.
/// </summary>
public static class ChatCommandServices
{
    public static IServiceCollection AddChatCommands(this IServiceCollection services)
    {
        services.AddSingleton<HelpCommand>();
        services.AddSingleton<MuteCommands>();
        services.AddSingleton<StatusCommands>();
        services.AddSingleton<MaintCommands>();
        services.AddSingleton<ChartCommand>();
        services.AddSingleton<ReportCommand>();
        services.AddSingleton<StorageCommand>();
        services.AddSingleton<IncidentCommands>();
        services.AddSingleton<NodeAdminParts>();
        services.AddSingleton<NodePrompts>();
        services.AddSingleton<NodeAdminCommands>();
        Command<HelpCommand>(services);
        Command<MuteCommands>(services);
        Command<StatusCommands>(services);
        Command<MaintCommands>(services);
        Command<ChartCommand>(services);
        Command<ReportCommand>(services);
        Command<StorageCommand>(services);
        Command<IncidentCommands>(services);
        Command<NodeAdminCommands>(services);
        services.AddSingleton<ICallbackHandler, IncidentStateButtons>();
        services.AddSingleton<ICallbackHandler, IncidentViewButtons>();
        services.AddSingleton<ICallbackHandler, NodeAdminButtons>();
        services.AddSingleton<ITelegramUpdateHandler, ChatUpdateHandler>();
        return services;
    }

    private static void Command<T>(IServiceCollection services)
        where T : class, IChatCommandHandler =>
        services.AddSingleton<IChatCommandHandler>(sp => sp.GetRequiredService<T>());
}
