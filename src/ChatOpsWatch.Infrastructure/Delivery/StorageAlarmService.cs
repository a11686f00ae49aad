using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Domain.Notifications;
using ChatOpsWatch.Domain.Ports;
using ChatOpsWatch.Domain.Storage;
using ChatOpsWatch.Domain.Text;
using ChatOpsWatch.Domain.Time;
using ChatOpsWatch.Infrastructure.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChatOpsWatch.Infrastructure.Delivery;

/// <summary>
/// Tells the operators that storage fails, and later that it works again, from memory: the outbox lives in the failing
/// database, so these notices go past it (<see cref="OutboxDispatcher.SendDirectAsync"/>, paced with the queue, to
/// Telegram or the console). One notice per change, at most one per <see cref="MinGap"/> (<see cref="StorageAlarm"/>);
/// a notice that could not be sent is retried with a backoff. Nothing here touches the database.
/// </summary>
public sealed class StorageAlarmService(
    StorageHealth health,
    OutboxDispatcher dispatcher,
    TextCatalog texts,
    TimeProvider time,
    ILogger<StorageAlarmService> logger) : BackgroundService
{
    /// <summary>The least time between two notices, so a flapping disk cannot flood the chat.</summary>
    public static readonly TimeSpan MinGap = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan Idle = TimeSpan.FromMinutes(10);

    private readonly Backoff retry = new(new(TimeSpan.FromSeconds(2), TimeSpan.FromMinutes(1)), time);
    private StorageAlarm alarm = StorageAlarm.Quiet;

    /// <summary>One step: sends the notice that is due, if any. Returns how long to wait before the next step at most.</summary>
    public async Task<TimeSpan> NotifyDueAsync(CancellationToken ct)
    {
        var state = health.Current;
        var now = time.GetUtcNow();
        var notice = retry.Remaining > TimeSpan.Zero ? StorageNotice.None : alarm.Next(state.Failing, now, MinGap);
        if (notice != StorageNotice.None)
        {
            var outcome = await dispatcher.SendDirectAsync(Message(notice, state, now), ct);
            switch (outcome)
            {
                case SendOutcome.Sent:
                    alarm = alarm.Told(notice, now);
                    retry.Succeed();
                    logger.LogWarning("Told the operators directly, past the outbox: storage {Notice} ({Fault}, database {Path})", notice == StorageNotice.Failing ? "is failing" : "works again", state.Fault, state.DatabasePath);
                    break;
                case SendOutcome.RateLimited r:
                    return r.RetryAfter;
                default:
                    var delay = retry.Fail();
                    logger.LogError("Could not tell the operators that storage {Notice}: {Outcome}; retrying in {Delay}", notice, outcome, delay);
                    break;
            }
        }

        var wait = alarm.DueAt(health.Current.Failing, MinGap) is { } due ? due - time.GetUtcNow() : Idle;
        return Max(Max(wait, retry.Remaining), TimeSpan.FromMilliseconds(10));
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var wait = await NotifyDueAsync(stoppingToken);
                await health.WaitForChangeAsync(wait, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private OutboxMessage Message(StorageNotice notice, StorageHealth.Snapshot state, DateTimeOffset now) => notice == StorageNotice.Failing
        ? new(MessageKind.Alert, Severity.Critical, StorageTexts.Failing(state.Fault, state.DatabasePath, state.Error, texts))
        : new(MessageKind.Alert, Severity.Warning, StorageTexts.Recovered(state.DatabasePath, now - state.Since, texts));

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
