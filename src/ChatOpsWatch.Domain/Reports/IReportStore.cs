using ChatOpsWatch.Domain.Notifications;

namespace ChatOpsWatch.Domain.Reports;

/// <summary>
/// What the daily report reads, and the durable record of scheduled reports. Throws
/// <see cref="Ports.StorageException"/> on IO failure.
/// </summary>
public interface IReportStore
{
    /// <summary>Availability, incidents and expiries of the monitored nodes for [<paramref name="start"/>, <paramref name="until"/>).</summary>
    Task<ReportInput> GatherAsync(DateTimeOffset start, DateTimeOffset until, CancellationToken ct);

    /// <summary>
    /// Queues <paramref name="message"/> as the scheduled report of <paramref name="period"/> (e.g. "daily:2026-11-24")
    /// unless that period's report was queued before, in one transaction: a restart neither repeats nor loses it.
    /// Returns whether it was queued now.
    /// </summary>
    Task<bool> EnqueueOnceAsync(string period, OutboxMessage message, DateTimeOffset now, CancellationToken ct);
}
