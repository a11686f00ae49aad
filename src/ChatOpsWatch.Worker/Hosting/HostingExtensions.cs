using ChatOpsWatch.Domain.Chat;
using ChatOpsWatch.Domain.Ports;
using ChatOpsWatch.Domain.Text;
using ChatOpsWatch.Infrastructure.Archive;
using ChatOpsWatch.Infrastructure.Delivery;
using ChatOpsWatch.Infrastructure.Http;
using ChatOpsWatch.Infrastructure.Maintenance;
using ChatOpsWatch.Infrastructure.Network;
using ChatOpsWatch.Infrastructure.Storage;
using ChatOpsWatch.Infrastructure.Telegram;
using ChatOpsWatch.Infrastructure.Telegram.Webhook;
using ChatOpsWatch.Infrastructure.Chat.Commands;
using ChatOpsWatch.Worker.Configuration;
using ChatOpsWatch.Worker.Correlation;
using ChatOpsWatch.Worker.Polling;
using ChatOpsWatch.Worker.SelfWatch;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Telegram.Bot;
using ChatOpsWatch.Infrastructure.Chat;

namespace ChatOpsWatch.Worker.Hosting;

/// <summary>The composition root: every service of a running monitor.</summary>
public static class HostingExtensions
{
    public static IHostApplicationBuilder AddChatOpsWatch(this IHostApplicationBuilder builder, WatchConfig config)
    {
        builder.Logging.AddConfiguration(builder.Configuration.GetSection("Logging"));
        builder.Logging.AddChatOpsWatchConsole(config.Health.JsonConsole);
        builder.Logging.SetMinimumLevel(LogLevel.Information);
        builder.Logging.AddFilter("Quartz", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.Hosting", LogLevel.Warning);

        var services = builder.Services;
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(new ConfigHolder(config));
        services.AddStorage(config);
        if (config.Archive is { } archive)
        {
            services.AddInfluxArchive(archive);
        }

        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<IOutboxSignal>(sp => sp.GetRequiredService<OutboxSignal>());
        services.AddSingleton<OutboxWriter>();
        services.AddSingleton(TextCatalog.For(config.Language));
        services.AddSingleton(sp => new MuteReminderOptions(config.MuteReminderLead, TimeSpan.FromMinutes(1), sp.GetRequiredService<ChatOpsWatch.Domain.Text.TextCatalog>()));
        services.AddHostedService<MuteReminderService>();
        services.AddSingleton(config.Retention);
        services.AddHostedService<StorageMaintenanceService>();

        AddNotifier(services, config);
        AddPolling(services);
        services.AddSelfWatch(config);
        services.AddNodeAdmin(builder.Configuration, config);
        return builder;
    }

    private static void AddNotifier(IServiceCollection services, WatchConfig config)
    {
        var digest = config.Telegram?.DigestThreshold ?? TelegramConfig.DefaultDigestThreshold;
        services.AddSingleton(new OutboxDispatcherOptions
        {
            OpsChatId = config.Telegram?.OpsChatId ?? ConsoleChat,
            DigestThreshold = digest > 0 ? digest : null,
            OpsThreadId = config.Telegram?.OpsThreadId,
        });
        services.AddSingleton<OutboxDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxDispatcher>());
        services.AddHostedService(sp => new StorageAlarmService(
            sp.GetRequiredService<StorageHealth>(),
            sp.GetRequiredService<OutboxDispatcher>(),
            sp.GetRequiredService<TextCatalog>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<StorageAlarmService>>()));

        // The daily report goes to the ops chat, or to the console when there is no bot.
        if (config.Reports.DailyAt is { } reportAt)
        {
            services.AddHostedService(sp => new DailyReportService(
                sp.GetRequiredService<ChatOpsWatch.Domain.Reports.IReportStore>(),
                sp.GetRequiredService<IOutboxSignal>(),
                sp.GetRequiredService<ChatOpsWatch.Domain.Text.TextCatalog>(),
                reportAt,
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILogger<DailyReportService>>()));
        }

        if (config.Telegram is not { } tg)
        {
            services.AddSingleton<IMessageSender>(sp => new ConsoleMessageSender(Console.Out, sp.GetRequiredService<TimeProvider>()));
            services.AddHostedService<ConsoleStatusReporter>();
            return;
        }

        // Two clients: sends must fail fast, while getUpdates holds its request open for the long poll.
        var pollerOptions = new TelegramPollerOptions();
        services.AddSingleton<ITelegramBotClient>(_ => TelegramClientFactory.Create(tg.Token, tg.ApiBaseUrl, TimeSpan.FromSeconds(20)));
        services.AddSingleton<CommandIntake>();
        services.AddSingleton<IMessageSender, TelegramMessageSender>();
        services.AddSingleton(new ChatAccessPolicy(tg.AllowedChatIds, tg.AdminUserIds));
        services.AddSingleton(sp => new ChartOptions(sp.GetRequiredService<ChatOpsWatch.Domain.Text.TextCatalog>(), () => sp.GetRequiredService<ConfigHolder>().Current.Monitor.Rules));
        services.AddSingleton<IFindingSource, RegistryFindings>();
        services.AddChatCommands();
        if (tg.Webhook is { } webhook)
        {
            AddWebhook(services, webhook);
            return;
        }

        services.AddHostedService(sp => new TelegramUpdatePoller(
            TelegramClientFactory.Create(tg.Token, tg.ApiBaseUrl, pollerOptions.LongPollTimeout + TelegramUpdatePoller.TimeoutMargin),
            sp.GetRequiredService<ITelegramUpdateHandler>(),
            pollerOptions,
            sp.GetRequiredService<CommandIntake>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<TelegramUpdatePoller>>(),
            sp.GetRequiredService<TextCatalog>()));
    }

    /// <summary>Webhook mode: Telegram posts updates to us, so no getUpdates poller runs.</summary>
    private static void AddWebhook(IServiceCollection services, TelegramWebhookOptions webhook) =>
        services.AddHostedService(sp => new TelegramWebhookServer(
            sp.GetRequiredService<ITelegramBotClient>(),
            sp.GetRequiredService<ITelegramUpdateHandler>(),
            webhook,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<TelegramWebhookServer>>(),
            sp.GetRequiredService<TextCatalog>()));

    /// <summary>
    /// The console log: one line per event, or with Console:Format=json one JSON object per line for log shippers (scopes
    /// off: a message never carries a secret, but a scope could carry a request's headers).
    /// </summary>
    public static ILoggingBuilder AddChatOpsWatchConsole(this ILoggingBuilder logging, bool json) => json
        ? logging.AddJsonConsole(o =>
        {
            o.IncludeScopes = false;
            o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
            o.UseUtcTimestamp = true;
        })
        : logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "yyyy-MM-dd HH:mm:ss ";
            o.UseUtcTimestamp = true;
        });

    /// <summary>The console notifier has no chats; every message goes to this pseudo chat.</summary>
    public const long ConsoleChat = 0;

    private static void AddPolling(IServiceCollection services)
    {
        services.AddSingleton<PollTrigger>();
        services.AddSingleton<IProbeRunnerFactory, ProbeRunnerFactory>();
        services.AddSingleton<NodeRegistry>();
        services.AddSingleton(sp => NetworkChecker.Create(sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<HttpChecker>();
        services.AddSingleton<MonitorSideChecks>();
        services.AddSingleton<PollSettings>();
        services.AddSingleton<ProbeNoiseNotices>();
        services.AddSingleton(PollPriming.Default);
        services.AddSingleton<NodePoller>();
        services.AddCorrelation();
        services.AddPollQuartz(TimeProvider.System);
        services.AddSingleton<NodeScheduler>();
        services.AddHostedService(sp => sp.GetRequiredService<NodeScheduler>());
    }
}
