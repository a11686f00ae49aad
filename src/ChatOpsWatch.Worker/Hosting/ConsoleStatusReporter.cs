using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Domain.Notifications;
using ChatOpsWatch.Domain.Ports;
using ChatOpsWatch.Domain.Samples;
using ChatOpsWatch.Domain.Status;
using ChatOpsWatch.Infrastructure.Delivery;
using ChatOpsWatch.Worker.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChatOpsWatch.Worker.Hosting;

/// <summary>
/// Without Telegram nobody can ask /status, so the console notifier shows it unasked: once every
/// node has reported (or after 45 s), then every Console:StatusEvery.
/// </summary>
public sealed class ConsoleStatusReporter(
    IMonitorStore store,
    OutboxWriter outbox,
    ConfigHolder config,
    TimeProvider time,
    ChatOpsWatch.Domain.Text.TextCatalog texts,
    ILogger<ConsoleStatusReporter> log) : BackgroundService
{
    private static readonly TimeSpan FirstReportLimit = TimeSpan.FromSeconds(45);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var started = time.GetUtcNow();
            while (!await EveryNodeReportedAsync(stoppingToken) && time.GetUtcNow() - started < FirstReportLimit)
            {
                await Task.Delay(TimeSpan.FromSeconds(1), time, stoppingToken);
            }

            while (!stoppingToken.IsCancellationRequested)
            {
                await ReportAsync(stoppingToken);
                await Task.Delay(config.Current.ConsoleStatusEvery, time, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    private async Task<bool> EveryNodeReportedAsync(CancellationToken ct)
    {
        var fleet = await store.FleetAsync(ct);
        // CPU needs two polls (it is a delta of /proc/stat), so wait for it rather than show "?".
        return fleet.Count > 0 && fleet.All(n => n.Latest?.Get(MetricNames.CpuBusyPct) is not null || n.Firing.Count > 0);
    }

    private async Task ReportAsync(CancellationToken ct)
    {
        try
        {
            var fleet = await store.FleetAsync(ct);
            var text = FleetStatusFormatter.Format(fleet, time.GetUtcNow(), texts);
            await outbox.EnqueueAsync(new OutboxMessage(MessageKind.Status, Severity.None, text), ct);
        }
        catch (StorageException ex)
        {
            log.LogError("Could not report the fleet status: {Error}", ex.Message);
        }
    }
}
