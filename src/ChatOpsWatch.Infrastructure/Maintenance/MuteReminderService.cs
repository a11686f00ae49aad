using ChatOpsWatch.Domain.Engine.Policy;
using ChatOpsWatch.Domain.Maintenance;
using ChatOpsWatch.Domain.Ports;
using ChatOpsWatch.Domain.Text;
using ChatOpsWatch.Infrastructure.Delivery;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChatOpsWatch.Infrastructure.Maintenance;

/// <summary>When to remind of ending mutes, and in which language.</summary>
public sealed record MuteReminderOptions(TimeSpan Lead, TimeSpan CheckEvery, TextCatalog Text);

/// <summary>
/// Posts "the mute on X ends at 14:00" to the ops chat once per silence (once per occurrence of a weekly window),
/// about <see cref="MuteReminderOptions.Lead"/> before it ends. Checks every <see cref="MuteReminderOptions.CheckEvery"/>
/// on the given TimeProvider. Durable: each reminder is recorded with its outbox row, so a restart does not repeat it.
/// A store failure is logged and the next check tries again; nothing is dropped.
/// </summary>
public sealed class MuteReminderService(
    IMutingStore muting,
    IMaintenanceStore maintenance,
    IReminderStore reminders,
    IOutboxSignal signal,
    MuteReminderOptions options,
    TimeProvider time,
    ILogger<MuteReminderService> logger) : BackgroundService
{
    /// <summary>One check at the TimeProvider's now; returns how many reminders were queued.</summary>
    public async Task<int> CheckAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        try
        {
            var silences = (await muting.ActiveAsync(now, ct)).Silences;
            var plans = await maintenance.ActiveAsync(now, ct);
            var queued = 0;
            foreach (var reminder in MuteReminders.Due(silences, plans, now, options.Lead, options.Text))
            {
                if (await reminders.TryQueueAsync(reminder, now, ct))
                {
                    logger.LogInformation("Reminded that {Kind} {Id} ends at {End:O}", reminder.Kind, reminder.RefId, reminder.EndsAt);
                    queued++;
                }
            }

            if (queued > 0)
            {
                signal.Notify();
            }

            return queued;
        }
        catch (StorageException e)
        {
            logger.LogWarning("Mute reminders could not be checked; trying again in {Interval}: {Error}", options.CheckEvery, e.Message);
            return 0;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            await CheckAsync(stoppingToken);
            try
            {
                await Task.Delay(options.CheckEvery, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
