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
/// <paramref name="texts"/>: the language of that marker and of backlog digests (English when null).
/// </summary>
public sealed partial class SqliteOutbox(SqliteDatabase db, TextCatalog? texts = null) : IOutbox, IInFlightJournal
{
    private readonly TextCatalog catalogue = texts ?? TextCatalog.English;

    private const string Due = """
        SELECT id AS Id, kind AS Kind, severity AS Severity, chat_id AS ChatId, html AS Html,
               attempts AS Attempts, created_at AS CreatedAt, last_error AS LastError,
               inflight_since AS InFlightSince, photo AS Photo
        FROM outbox
        WHERE sent_at IS NULL AND not_before <= @Now
        ORDER BY severity DESC, id
        LIMIT @Max;
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

    /// <summary>Marking an already sent message again keeps the first delivery's record. An unknown id is an <see cref="ArgumentException"/>.</summary>
    public Task MarkSentAsync(long id, DateTimeOffset now, long? telegramMessageId, CancellationToken ct) =>
        UpdateUnsentAsync(
            id,
            "UPDATE outbox SET sent_at = @Now, telegram_message_id = @MessageId, inflight_since = NULL WHERE id = @Id AND sent_at IS NULL;",
            new { Id = id, Now = UnixMs.Of(now), MessageId = telegramMessageId },
            $"marking message {id} sent",
            ct);

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

    private static Task<bool> ExistsAsync(SqliteConnection c, long id, CancellationToken ct) =>
        c.ExecuteScalarAsync<bool>(new CommandDefinition("SELECT EXISTS (SELECT 1 FROM outbox WHERE id = @id);", new { id }, cancellationToken: ct));

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

        public OutboxEntry ToEntry(TextCatalog texts) => new(
            Id,
            OutboxSql.ToMessage(Kind, Severity, InFlightSince is null ? Html : PossibleDuplicate.Mark(Html, texts), ChatId, Photo),
            checked((int)Attempts),
            UnixMs.At(CreatedAt),
            LastError);
    }
}
