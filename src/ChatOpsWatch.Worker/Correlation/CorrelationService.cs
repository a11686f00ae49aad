using ChatOpsWatch.Domain.Correlation;
using ChatOpsWatch.Domain.Ports;
using ChatOpsWatch.Worker.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChatOpsWatch.Worker.Correlation;

/// <summary>
/// Checks the canaries every <c>Monitor:CanaryInterval</c> and feeds the result to the hub; with no canaries it still
/// ticks the hub at that pace, so a held down goes out on time even when no poll happens to report.
/// </summary>
public sealed class CorrelationService(CorrelationHub hub, CanaryChecker canaries, ConfigHolder config, TimeProvider time, ILogger<CorrelationService> log) : BackgroundService
{
    /// <summary>While a down is held it is looked at every second, so a settled lone down goes out on time.</summary>
    private static readonly TimeSpan HeldTick = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var failedBefore = false;
        var nextCanaries = time.GetUtcNow();
        while (!stoppingToken.IsCancellationRequested)
        {
            var settings = config.Current.Correlation;
            try
            {
                if (settings.Canaries.Count > 0 && time.GetUtcNow() >= nextCanaries)
                {
                    nextCanaries = time.GetUtcNow() + settings.CanaryInterval;
                    var status = await canaries.CheckAsync(settings.Canaries, settings.CanaryTimeout, stoppingToken);
                    if (status.AllFailed != failedBefore)
                    {
                        failedBefore = status.AllFailed;
                        log.LogWarning("Canaries: all failed {AllFailed}; failing: {Failed}", status.AllFailed, string.Join(", ", status.Failed));
                    }

                    await hub.CanariesAsync(status, stoppingToken);
                }
                else
                {
                    await hub.TickAsync(stoppingToken);
                }
            }
            catch (StorageException e)
            {
                // The hub keeps its last committed state; the next round tries again.
                log.LogError("Reachability news could not be stored: {Error}", e.Message);
            }

            try
            {
                var holding = hub.Holding; // before the look at the state: a hold that starts after it ends the wait
                var held = hub.State?.Down.Values.Any(d => d.Status == DownStatus.Held) == true;
                var wait = held && HeldTick < settings.CanaryInterval ? HeldTick : settings.CanaryInterval;
                await (held ? Task.Delay(wait, time, stoppingToken) : WaitAsync(wait, holding, stoppingToken));
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Waits <paramref name="wait"/>, or less if a poll's report starts holding a down meanwhile.</summary>
    private async Task WaitAsync(TimeSpan wait, Task holding, CancellationToken ct)
    {
        using var done = CancellationTokenSource.CreateLinkedTokenSource(ct);
        await Task.WhenAny(Task.Delay(wait, time, done.Token), holding);
        await done.CancelAsync();
        ct.ThrowIfCancellationRequested();
    }
}
