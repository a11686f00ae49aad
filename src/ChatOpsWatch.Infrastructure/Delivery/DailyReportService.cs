using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Domain.Notifications;
using ChatOpsWatch.Domain.Ports;
using ChatOpsWatch.Domain.Reports;
using ChatOpsWatch.Domain.Text;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChatOpsWatch.Infrastructure.Delivery;

/// <summary>
/// Queues the daily report for the ops chat at its scheduled UTC time. The report of a day is recorded with it in
/// one transaction (<see cref="IReportStore.EnqueueOnceAsync"/>), so a restart never repeats it, and a monitor that
/// was down at the scheduled time sends the missed report when it comes back (the latest one only). A day in which
/// no node was monitored yet (a fresh install) has no report.
/// </summary>
public sealed class DailyReportService(
    IReportStore reports,
    IOutboxSignal signal,
    TextCatalog text,
    TimeOnly at,
    TimeProvider time,
    ILogger<DailyReportService> logger) : BackgroundService
{
    private static readonly TimeSpan RetryAfterFailure = TimeSpan.FromMinutes(1);

    /// <summary>Queues the report of the latest scheduled time unless it was queued before. Returns whether it queued one.</summary>
    public async Task<bool> RunDueAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var due = ReportSchedule.LatestDue(now, at);
        var input = await reports.GatherAsync(due - ReportSchedule.Window, due, ct);
        if (input.Nodes.All(n => n.ExpectedPolls == 0))
        {
            // No node was monitored in that window (a fresh install, or the first node came later): nothing was
            // missed, so there is no report to catch up on. The next scheduled one covers the monitored time.
            logger.LogDebug("No node was monitored in the day before {Due:u}: no daily report for it", due);
            return false;
        }

        var message = new OutboxMessage(MessageKind.Info, Severity.None, DailyReport.Format(input, text));
        var queued = await reports.EnqueueOnceAsync(ReportSchedule.Period(due), message, now, ct);
        if (queued)
        {
            logger.LogInformation("Queued the daily report for {Due:u}", due);
            signal.Notify();
        }

        return queued;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            TimeSpan wait;
            try
            {
                await RunDueAsync(stoppingToken);
                var now = time.GetUtcNow();
                wait = ReportSchedule.NextDue(now, at) - now;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (StorageException e)
            {
                logger.LogError(e, "The daily report could not be queued; trying again in {Delay}", RetryAfterFailure);
                wait = RetryAfterFailure;
            }

            try
            {
                await Task.Delay(wait, time, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }
}
