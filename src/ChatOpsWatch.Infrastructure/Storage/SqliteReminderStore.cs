using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Domain.Maintenance;
using ChatOpsWatch.Domain.Notifications;
using Dapper;

namespace ChatOpsWatch.Infrastructure.Storage;

/// <summary>The reminders in SQLite: table <c>mute_reminders</c> and the outbox row in one transaction.</summary>
public sealed class SqliteReminderStore(SqliteDatabase db) : IReminderStore
{
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
