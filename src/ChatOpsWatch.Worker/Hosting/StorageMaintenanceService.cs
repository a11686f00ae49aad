using ChatOpsWatch.Domain.Ports;
using ChatOpsWatch.Infrastructure.Delivery;
using ChatOpsWatch.Domain.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChatOpsWatch.Worker.Hosting;

/// <summary>
/// Every <see cref="Every"/> on the TimeProvider, runs the sample store's maintenance (rollups, retention, the size
/// budget, then incremental vacuum when idle) one short transaction at a time until nothing is due, so the polls'
/// commits interleave with it. A storage failure is logged and retried at the next round; the storage alarm reports it.
/// </summary>
internal sealed class StorageMaintenanceService(
    IStorageMaintenance maintenance, IOutboxSignal outbox, TimeProvider time, ILogger<StorageMaintenanceService> log) : BackgroundService
{
    public static readonly TimeSpan Every = TimeSpan.FromSeconds(30);

    /// <summary>A round stops after this many steps and goes on at the next, so catching up never starves anything.</summary>
    private const int MaxStepsPerRound = 2_000;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(Every, time, stoppingToken);
                await RoundAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (StorageException e)
            {
                log.LogWarning(e, "Storage maintenance (rollups, retention) failed; retrying in {Seconds} s", Every.TotalSeconds);
            }
        }
    }

    private async Task RoundAsync(CancellationToken ct)
    {
        var counts = new Dictionary<MaintenanceWork, int>();
        for (var i = 0; i < MaxStepsPerRound; i++)
        {
            var work = await maintenance.StepAsync(ct);
            if (work == MaintenanceWork.Idle)
            {
                break;
            }

            counts[work] = counts.GetValueOrDefault(work) + 1;
            if (work == MaintenanceWork.BudgetPruned)
            {
                outbox.Notify();
            }

            await Task.Yield();
        }

        if (counts.Count > 0)
        {
            log.LogDebug("Storage maintenance: {Steps}", string.Join(", ", counts.Select(kv => $"{kv.Key} {kv.Value}")));
        }
    }
}
