using ChatOpsWatch.Domain.Chat;
using ChatOpsWatch.Domain.Engine.Policy;
using ChatOpsWatch.Domain.Ports;
using ChatOpsWatch.Infrastructure.Delivery;
using ChatOpsWatch.Infrastructure.Http;
using ChatOpsWatch.Infrastructure.Network;
using ChatOpsWatch.Infrastructure.Storage;
using ChatOpsWatch.Infrastructure.Telegram;
using ChatOpsWatch.Worker.Configuration;
using ChatOpsWatch.Worker.Correlation;
using ChatOpsWatch.Worker.Polling;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Quartz;
using Telegram.Bot;

namespace ChatOpsWatch.Worker.Hosting;

/// <summary>The composition root: every service of a running monitor.</summary>
public static class HostingExtensions
{
    public static IHostApplicationBuilder AddChatOpsWatch(this IHostApplicationBuilder builder, WatchConfig config, SqliteDatabase database)
    {
        builder.Logging.AddConfiguration(builder.Configuration.GetSection("Logging"));
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "yyyy-MM-dd HH:mm:ss ";
            o.UseUtcTimestamp = true;
        });
        builder.Logging.SetMinimumLevel(LogLevel.Information);
        builder.Logging.AddFilter("Quartz", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.Hosting", LogLevel.Warning);

        var services = builder.Services;
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(new ConfigHolder(config));
        services.AddSingleton(database);
        services.AddSingleton<IMonitorStore, SqliteMonitorStore>();
        services.AddSingleton<IOutbox, SqliteOutbox>();
        services.AddSingleton<IHostKeyStore, SqliteHostKeyStore>();
        services.AddSingleton<IMutingStore, SqliteMutingStore>();
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<IOutboxSignal>(sp => sp.GetRequiredService<OutboxSignal>());
        services.AddSingleton<OutboxWriter>();
        services.AddSingleton(ChatOpsWatch.Domain.Text.TextCatalog.English);

        AddNotifier(services, config);
        AddPolling(services);
        return builder;
    }

    private static void AddNotifier(IServiceCollection services, WatchConfig config)
    {
        var digest = config.Telegram?.DigestThreshold ?? TelegramConfig.DefaultDigestThreshold;
        services.AddSingleton(new OutboxDispatcherOptions
        {
            OpsChatId = config.Telegram?.OpsChatId ?? ConsoleChat,
            DigestThreshold = digest > 0 ? digest : null,
        });
        services.AddHostedService<OutboxDispatcher>();
        if (config.Telegram is not { } tg)
        {
            services.AddSingleton<IMessageSender>(sp => new ConsoleMessageSender(Console.Out, sp.GetRequiredService<TimeProvider>()));
            services.AddHostedService<ConsoleStatusReporter>();
            return;
        }

        // Two clients: sends must fail fast, while getUpdates holds its request open for the long poll.
        var pollerOptions = new TelegramPollerOptions();
        services.AddSingleton<ITelegramBotClient>(_ => TelegramClientFactory.Create(tg.Token, tg.ApiBaseUrl, TimeSpan.FromSeconds(20)));
        services.AddSingleton<IMessageSender, TelegramMessageSender>();
        services.AddSingleton(new ChatAccessPolicy(tg.AllowedChatIds, tg.AdminUserIds));
        services.AddSingleton<MuteCommands>();
        services.AddSingleton<ITelegramUpdateHandler, ChatUpdateHandler>();
        services.AddHostedService(sp => new TelegramUpdatePoller(
            TelegramClientFactory.Create(tg.Token, tg.ApiBaseUrl, pollerOptions.LongPollTimeout + TelegramUpdatePoller.TimeoutMargin),
            sp.GetRequiredService<ITelegramUpdateHandler>(),
            pollerOptions,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<TelegramUpdatePoller>>()));
    }

    /// <summary>The console notifier has no chats; every message goes to this pseudo chat.</summary>
    public const long ConsoleChat = 0;

    private static void AddPolling(IServiceCollection services)
    {
        services.AddSingleton<IProbeRunnerFactory, ProbeRunnerFactory>();
        services.AddSingleton<NodeRegistry>();
        services.AddSingleton(sp => NetworkChecker.Create(sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<HttpChecker>();
        services.AddSingleton<MonitorSideChecks>();
        services.AddSingleton<PollSettings>();
        services.AddSingleton<NodePoller>();
        services.AddCorrelation();
        services.AddQuartz(q =>
        {
            q.UseTimeProvider(TimeProvider.System);
            q.UseDefaultThreadPool(tp => tp.MaxConcurrency = Math.Max(10, Environment.ProcessorCount * 8));
        });
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = false);
        services.AddHostedService<NodeScheduler>();
    }
}
