using ChatOpsWatch.Domain.SelfWatch;
using ChatOpsWatch.Infrastructure.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChatOpsWatch.Worker.SelfWatch;

/// <summary>
/// Health:PingUrl (issue 13): after every healthy period (Health:PingEvery, a minute by default) an HTTP GET to the
/// URL, so that an outside service (healthchecks.io, Uptime Kuma, a cron monitor) notices when the monitor dies,
/// freezes or stalls: the pings stop. An unhealthy period sends nothing; a failed ping is logged, never retried.
/// </summary>
public sealed class DeadMansSwitch(SelfWatchService self, StorageHealth storage, DeadMansSwitchOptions options, TimeProvider time, ILogger<DeadMansSwitch> log) : BackgroundService
{
    /// <summary>One period's end: pings when healthy. True when a ping was answered with a success status.</summary>
    public async Task<bool> TickAsync(CancellationToken ct)
    {
        var scheduler = HealthJudge.Scheduler(self.Current(), time.GetUtcNow());
        if (!scheduler.Ok || storage.IsFailing)
        {
            log.LogWarning("Dead man's switch not pinged: {Reason}", scheduler.Ok ? "the database fails to take writes" : scheduler.Detail);
            return false;
        }

        try
        {
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
            cts.CancelAfter(options.Timeout);
            using var response = await options.Client.GetAsync(options.Url, cts.Token);
            if (!response.IsSuccessStatusCode)
            {
                log.LogWarning("Dead man's switch {Host} answered {Status}", options.Url.Host, (int)response.StatusCode);
            }

            return response.IsSuccessStatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException && !ct.IsCancellationRequested)
        {
            log.LogWarning("Dead man's switch {Host} not reached: {Error}", options.Url.Host, e.Message);
            return false;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(options.Every, time, stoppingToken);
                await TickAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }
}

/// <summary>The URL (its query may carry a check's token: only its host is ever logged), the period and the client.</summary>
public sealed record DeadMansSwitchOptions(Uri Url, TimeSpan Every, HttpClient Client)
{
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);
}
