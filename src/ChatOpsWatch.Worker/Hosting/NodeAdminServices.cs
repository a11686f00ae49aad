using ChatOpsWatch.Infrastructure.Ssh;
using ChatOpsWatch.Worker.Configuration;
using ChatOpsWatch.Worker.Polling;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ChatOpsWatch.Infrastructure.Chat;
using ChatOpsWatch.Infrastructure.Chat.NodeAdmin;

namespace ChatOpsWatch.Worker.Hosting;

/// <summary>
/// /addnode and /removenode: the chat-added nodes (polled with or without a bot) and, with a bot, what their commands stand
/// on (the commands themselves are in <see cref="ChatCommandServices.AddChatCommands"/>).
/// </summary>
internal static class NodeAdminServices
{
    public static void AddNodeAdmin(this IServiceCollection services, IConfiguration configuration, WatchConfig config)
    {
        services.AddSingleton<ChatNodeSource>();
        if (config.Telegram is null)
        {
            return;
        }

        var ttl = NodeAdminReader.ConfirmTimeout(new ConfigReader([]), configuration.GetSection(ConfigLoader.Section));
        services.AddSingleton<IHostKeyScanner>(sp => new SshHostKeyScanner(sp.GetRequiredService<ConfigHolder>().Current.Ssh));
        services.AddSingleton(sp => new PendingNodeChanges(sp.GetRequiredService<TimeProvider>(), ttl));
        services.AddSingleton<INodeFleet, ChatNodeFleet>();
    }
}
