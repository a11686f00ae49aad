using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Domain.Maintenance;
using ChatOpsWatch.Domain.Notifications;
using Dapper;

namespace ChatOpsWatch.Infrastructure.Storage;

/// <summary>
/// Records that a mute-expiry reminder was sent, together with its outbox row, in one transaction: after a crash or
/// restart the reminder is either queued and remembered, or neither, so it goes exactly once.
/// </summary>
public sealed class SqliteReminderStore(SqliteDatabase db)
{
    /// <summary>Queues the reminder unless it was queued before; true when it was queued now. Throws StorageException.</summary>
    public Task<bool> TryQueueAsync(MuteReminder reminder, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(reminder);
        return db.InTransactionAsync(
            $"queueing the reminder for {reminder.Kind} {reminder.RefId}",
            async (c, tx) =>
            {
                var inserted = await c.ExecuteAsync(new CommandDefinition(
                    """
                    INSERT INTO mute_reminders (kind, ref_id, ends_at, sent_at) VALUES (@Kind, @RefId, @Ends, @Now)
                    ON CONFLICT (kind, ref_id, ends_at) DO NOTHING;
                    """,
                    new { reminder.Kind, reminder.RefId, Ends = UnixMs.Of(reminder.EndsAt), Now = UnixMs.Of(now) },
                    tx,
                    cancellationToken: ct));
                if (inserted == 0)
                {
                    return false;
                }

                await OutboxSql.InsertAsync(c, tx, new OutboxMessage(MessageKind.Info, Severity.None, reminder.Html), now, ct);
                return true;
            },
            ct);
    }
}
