using ChatOpsWatch.Domain.Chat;
using ChatOpsWatch.Domain.Engine.Policy;
using ChatOpsWatch.Domain.Incidents;
using ChatOpsWatch.Domain.Ports;
using ChatOpsWatch.Domain.Text;
using ChatOpsWatch.Infrastructure.Delivery;
using ChatOpsWatch.Infrastructure.Ssh;
using ChatOpsWatch.Infrastructure.Storage;
using ChatOpsWatch.Infrastructure.Telegram;
using ChatOpsWatch.Infrastructure.Chat.Commands;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Telegram.Bot;
using ChatOpsWatch.Infrastructure.Chat;
using ChatOpsWatch.Infrastructure.Chat.NodeAdmin;

namespace ChatOpsWatch.Infrastructure.Tests.Telegram;

/// <summary>What a test's chat stands on; the handlers themselves come from the product's <see cref="ChatCommandServices.AddChatCommands"/>.</summary>
internal sealed record ChatParts(
    ITelegramBotClient Bot,
    SqliteDatabase Database,
    IMonitorStore Monitor,
    IMutingStore Muting,
    IIncidentStore Incidents,
    OutboxWriter Writer,
    IOutboxSignal Signal,
    ChatAccessPolicy Policy,
    IFindingSource Findings,
    INodeFleet Fleet,
    IHostKeyScanner Scanner,
    PendingNodeChanges Pending,
    TextCatalog Texts,
    TimeProvider Time,
    ILogger<ChatUpdateHandler> Log);

/// <summary>
/// Builds the chat the product runs (every command and button handler, through <see cref="ChatCommandServices.AddChatCommands"/>)
/// on a test's parts. A test's own handlers replace the product's handler of the kinds (or button actions) they list:
/// a recording /chart, a throwing command.
/// </summary>
internal static class ChatWiring
{
    public static ChatUpdateHandler Build(ChatParts parts, IEnumerable<IChatCommandHandler> commands, IEnumerable<ICallbackHandler> buttons)
    {
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddProvider(new IntoOneLog(parts.Log)));
        services.AddSingleton(parts.Bot);

        // The product's stores on the test's file, then the test's own monitor, muting and incident stores in their place
        // (a later registration wins).
        services.AddSqliteStorage(parts.Database, SqliteCommitOptions.Immediate);
        services.AddSingleton(parts.Monitor);
        services.AddSingleton(parts.Muting);
        services.AddSingleton(parts.Incidents);
        services.AddSingleton<IIncidentLog>(parts.Incidents);
        services.AddSingleton(parts.Writer);
        services.AddSingleton(parts.Signal);
        services.AddSingleton(parts.Policy);
        services.AddSingleton(parts.Findings);
        services.AddSingleton(parts.Fleet);
        services.AddSingleton(parts.Scanner);
        services.AddSingleton(parts.Pending);
        services.AddSingleton(parts.Texts);
        services.AddSingleton(parts.Time);
        services.AddSingleton(parts.Log);
        services.AddSingleton(new ChartOptions(parts.Texts, () => Domain.Alerts.ThresholdRule.Defaults));
        services.AddSingleton(Domain.Storage.RetentionOptions.Default);
        services.AddChatCommands();
        Replace(services, commands.ToList(), h => h.Kinds.Cast<object>());
        Replace(services, buttons.ToList(), h => h.Actions);
        return (ChatUpdateHandler)services.BuildServiceProvider().GetRequiredService<ITelegramUpdateHandler>();
    }

    /// <summary>Drops the product's registrations that a test handler stands in for, then adds the test's.</summary>
    private static void Replace<T>(ServiceCollection services, IReadOnlyList<T> replacements, Func<T, IEnumerable<object>> keys)
        where T : class
    {
        if (replacements.Count == 0)
        {
            return;
        }

        var taken = replacements.SelectMany(keys).ToHashSet();
        var registered = services.Where(d => d.ServiceType == typeof(T)).ToList();
        using (var probe = services.BuildServiceProvider())
        {
            var built = probe.GetServices<T>().ToList();
            for (var i = 0; i < registered.Count; i++)
            {
                if (keys(built[i]).Any(taken.Contains))
                {
                    services.Remove(registered[i]);
                }
            }
        }

        foreach (var replacement in replacements)
        {
            services.AddSingleton(replacement);
        }
    }

    /// <summary>Every handler's log into the harness's one log, so a test reads what an operator would, whoever wrote it.</summary>
    private sealed class IntoOneLog(ILogger target) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => target;

        public void Dispose()
        {
        }
    }
}
