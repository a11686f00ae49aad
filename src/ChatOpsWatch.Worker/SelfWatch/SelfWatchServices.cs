using ChatOpsWatch.Infrastructure.Ssh;
using ChatOpsWatch.Infrastructure.Storage;
using ChatOpsWatch.Infrastructure.Telemetry;
using ChatOpsWatch.Worker.Configuration;
using ChatOpsWatch.Worker.Polling;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChatOpsWatch.Worker.SelfWatch;

/// <summary>The monitor watching itself (issue 13): liveness, "monitoring stalled", the metrics listener, the dead man's switch.</summary>
public static class SelfWatchServices
{
    public static IServiceCollection AddSelfWatch(this IServiceCollection services, WatchConfig config)
    {
        services.AddSingleton<SchedulerPulse>();
        services.AddSingleton(sp => new SelfWatchDeps(sp.GetRequiredService<Domain.Text.TextCatalog>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<SelfWatchService>>())
        {
            PollGrace = config.Ssh.ConnectTimeout + config.Ssh.ProbeDeadline,
        });
        services.AddSingleton<SelfWatchService>();
        services.AddHostedService(sp =>
        {
            var self = sp.GetRequiredService<SelfWatchService>();
            var registry = sp.GetRequiredService<NodeRegistry>();
            var stats = sp.GetRequiredService<Domain.Storage.IStorageStats>();
            SelfMetrics.ObserveGauges(new GaugeSources(
                () => registry.Current().Count(n => registry.TryGet(n.Name, out var r) && r.Runner is SshNodeSession { IsOpen: true }),
                () => self.Snapshot.Unsent,
                () => self.Snapshot.OldestAge.TotalSeconds,
                stats.SizeBytes));
            return self;
        });

        if (config.Health.MetricsListen is { } listen)
        {
            services.AddHostedService(sp => new MetricsServer(listen, sp.GetRequiredService<SelfWatchService>(), sp.GetRequiredService<StorageHealth>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<MetricsServer>>()));
        }

        if (config.Health.PingUrl is { } url)
        {
            services.AddHostedService(sp => new DeadMansSwitch(
                sp.GetRequiredService<SelfWatchService>(),
                sp.GetRequiredService<StorageHealth>(),
                new DeadMansSwitchOptions(url, config.Health.PingEvery, PingClient),
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILogger<DeadMansSwitch>>()));
        }

        return services;
    }

    /// <summary>One client for the process's life: a new one per ping would leave a socket behind each minute.</summary>
    private static readonly HttpClient PingClient = new() { Timeout = Timeout.InfiniteTimeSpan };
}
