using ChatOpsWatch.Domain.Notifications;
using ChatOpsWatch.Domain.Ports;
using ChatOpsWatch.Domain.Text;
using ChatOpsWatch.Infrastructure.Delivery;
using Dapper;
using Microsoft.Data.Sqlite;

namespace ChatOpsWatch.Infrastructure.Storage;

/// <summary>
/// The outbox in SQLite. Sent rows are kept (with sent_at) as a delivery log; nothing here deletes.
/// A row read while still marked in flight comes back with <see cref="PossibleDuplicate.Marker"/> in front.
/// <paramref name="texts"/>: the language of that marker and of backlog digests.
/// </summary>
public sealed partial class SqliteOutbox(SqliteDatabase db, TextCatalog texts) : IOutbox
{
    private readonly TextCatalog catalogue = texts;

    // Criticals first, then answers to a person's command (kinds 2 and 3, OutboxMessage.AnswersCommand: a command typed
    // during an outage is answered before the warnings queued in it), then the rest by severity, oldest first.
    // An edit or a reply waits while its incident's first send is still queued: it needs that message's id, and it
    // must not overtake it (an escalated critical edit would otherwise sort before a warning send).
    private const string Due = """
        SELECT o.id AS Id, o.kind AS Kind, o.severity AS Severity, o.chat_id AS ChatId, o.html AS Html,
               o.attempts AS Attempts, o.created_at AS CreatedAt, o.last_error AS LastError,
               o.inflight_since AS InFlightSince, o.thread_id AS ThreadId, o.buttons AS Buttons, o.reply_to AS ReplyTo,
               o.action AS Action, o.incident_id AS IncidentId, i.message_id AS TargetMessageId, o.photo AS Photo
        FROM outbox o LEFT JOIN incidents i ON i.id = o.incident_id
        WHERE o.sent_at IS NULL AND o.not_before <= @Now
          AND NOT (o.action <> 0 AND i.message_id IS NULL AND EXISTS (
              SELECT 1 FROM outbox s WHERE s.incident_id = o.incident_id AND s.action = 0 AND s.sent_at IS NULL AND s.id < o.id))
        ORDER BY o.severity = 2 DESC, o.kind IN (2, 3) DESC, o.severity DESC, o.id
        LIMIT @Max;
        """;

    // A confirmed send or edit (or the fresh send that replaced a lost message) is the incident's message from now on.
    private const string RecordIncidentMessage = """
        UPDATE incidents SET message_id = @MessageId
        WHERE @MessageId IS NOT NULL AND id = (SELECT incident_id FROM outbox WHERE id = @Id AND action <> 2);
        """;

    public Task<long> EnqueueAsync(OutboxMessage message, DateTimeOffset now, CancellationToken ct)
    {
        OutboxSql.Validate(message);
        return db.RunAsync("enqueueing a message", c => OutboxSql.InsertAsync(c, null, message, now, ct), ct);
    }

    public Task<IReadOnlyList<OutboxEntry>> DueAsync(DateTimeOffset now, int max, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
        return db.RunAsync<IReadOnlyList<OutboxEntry>>(
            "reading due messages",
            async c =>
            {
                var rows = await c.QueryAsync<OutboxRow>(new CommandDefinition(Due, new { Now = UnixMs.Of(now), Max = max }, cancellationToken: ct));
                return rows.Select(r => r.ToEntry(catalogue)).ToList();
            },
            ct);
    }

    /// <summary>
    /// Marking an already sent message again keeps the first delivery's record. An unknown id is an <see cref="ArgumentException"/>.
    /// A send or edit of an incident records <paramref name="telegramMessageId"/> as its message, in the same transaction.
    /// </summary>
    public async Task MarkSentAsync(long id, DateTimeOffset now, long? telegramMessageId, CancellationToken ct)
    {
        var known = await db.InTransactionAsync(
            $"marking message {id} sent",
            async (c, tx) =>
            {
                var args = new { Id = id, Now = UnixMs.Of(now), MessageId = telegramMessageId };
                if (await c.ExecuteAsync(new CommandDefinition(
                    "UPDATE outbox SET sent_at = @Now, telegram_message_id = @MessageId, inflight_since = NULL WHERE id = @Id AND sent_at IS NULL;",
                    args,
                    tx,
                    cancellationToken: ct)) == 0)
                {
                    return await ExistsAsync(c, id, ct, tx);
                }

                await c.ExecuteAsync(new CommandDefinition(RecordIncidentMessage, args, tx, cancellationToken: ct));
                return true;
            },
            ct);
        if (!known)
        {
            throw new ArgumentException($"No outbox message has id {id}.", nameof(id));
        }
    }

    /// <summary>A message already sent stays sent. An unknown id is an <see cref="ArgumentException"/>.</summary>
    public Task RetryLaterAsync(long id, DateTimeOffset notBefore, string reason, CancellationToken ct) =>
        UpdateUnsentAsync(
            id,
            "UPDATE outbox SET attempts = attempts + 1, last_error = @Reason, not_before = @NotBefore, inflight_since = NULL WHERE id = @Id AND sent_at IS NULL;",
            new { Id = id, NotBefore = UnixMs.Of(notBefore), Reason = reason },
            $"deferring message {id}",
            ct);

    /// <summary>A message already sent is left alone. An unknown id is an <see cref="ArgumentException"/>.</summary>
    public Task MarkInFlightAsync(long id, DateTimeOffset now, CancellationToken ct) =>
        UpdateUnsentAsync(
            id,
            "UPDATE outbox SET inflight_since = @Now, send_attempts = send_attempts + 1 WHERE id = @Id AND sent_at IS NULL;",
            new { Id = id, Now = UnixMs.Of(now) },
            $"marking message {id} in flight",
            ct);

    public Task<int> BacklogAsync(CancellationToken ct) =>
        db.RunAsync(
            "counting unsent messages",
            c => c.ExecuteScalarAsync<int>(new CommandDefinition("SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL;", cancellationToken: ct)),
            ct);

    private async Task UpdateUnsentAsync(long id, string sql, object args, string operation, CancellationToken ct)
    {
        var known = await db.RunAsync(
            operation,
            async c => await c.ExecuteAsync(new CommandDefinition(sql, args, cancellationToken: ct)) > 0 || await ExistsAsync(c, id, ct),
            ct);
        if (!known)
        {
            throw new ArgumentException($"No outbox message has id {id}.", nameof(id));
        }
    }

    private static Task<bool> ExistsAsync(SqliteConnection c, long id, CancellationToken ct, System.Data.Common.DbTransaction? tx = null) =>
        c.ExecuteScalarAsync<bool>(new CommandDefinition("SELECT EXISTS (SELECT 1 FROM outbox WHERE id = @id);", new { id }, tx, cancellationToken: ct));

    private sealed record OutboxRow
    {
        public long Id { get; init; }

        public long Kind { get; init; }

        public long Severity { get; init; }

        public long? ChatId { get; init; }

        public string Html { get; init; } = "";

        public long Attempts { get; init; }

        public long CreatedAt { get; init; }

        public string? LastError { get; init; }

        public long? InFlightSince { get; init; }

        public byte[]? Photo { get; init; }

        public long? ThreadId { get; init; }

        public string? Buttons { get; init; }

        public long? ReplyTo { get; init; }

        public long Action { get; init; }

        public long? IncidentId { get; init; }

        public long? TargetMessageId { get; init; }

        /// <summary>An edit caught mid-send is simply made again (editing twice shows one text); a send is marked.</summary>
        public OutboxEntry ToEntry(TextCatalog texts) => new(
            Id,
            OutboxSql.ToMessage(Kind, Severity, InFlightSince is null || Action == (long)OutboxAction.Edit ? Html : PossibleDuplicate.Mark(Html, texts), ChatId, ThreadId, Buttons, ReplyTo, Photo),
            checked((int)Attempts),
            UnixMs.At(CreatedAt),
            LastError)
        {
            Action = (OutboxAction)Action,
            IncidentId = IncidentId,
            TargetMessageId = TargetMessageId,
        };
    }
}
