using System.Data.Common;
using ChatOpsWatch.Domain.Notifications;
using Dapper;
using Microsoft.Data.Sqlite;

namespace ChatOpsWatch.Infrastructure.Storage;

/// <summary>Folding a chat's backlog into digests (see <see cref="Domain.Ports.IOutbox.FoldBacklogsAsync"/>).</summary>
public sealed partial class SqliteOutbox
{
    // Incident rows are not folded: each keeps its one message, its buttons and its later edits.
    private const string Foldable = """
        SELECT id AS Id, kind AS Kind, severity AS Severity, chat_id AS ChatId, html AS Html
        FROM outbox
        WHERE sent_at IS NULL AND severity < @Below AND is_digest = 0 AND inflight_since IS NULL AND incident_id IS NULL
              AND photo IS NULL -- a digest is text: a chart folded into one would be lost
        ORDER BY id;
        """;

    private const string MarkFolded = """
        UPDATE outbox SET sent_at = @Now, folded_into = @Digest, last_error = NULL
        WHERE id IN @Ids AND sent_at IS NULL;
        """;

    public Task<int> FoldBacklogsAsync(int threshold, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(threshold);
        return db.InTransactionAsync(
            "folding the backlog into digests",
            async (c, tx) =>
            {
                var rows = await c.QueryAsync<FoldRow>(new CommandDefinition(Foldable, new { Below = (int)BacklogDigest.FoldsBelow }, tx, cancellationToken: ct));
                var folded = 0;
                foreach (var chat in rows.GroupBy(r => r.ChatId).Where(g => g.Count() > threshold))
                {
                    folded += await FoldAsync(c, tx, [.. chat], now, ct);
                }

                return folded;
            },
            ct);
    }

    private async Task<int> FoldAsync(SqliteConnection c, DbTransaction tx, IReadOnlyList<FoldRow> rows, DateTimeOffset now, CancellationToken ct)
    {
        var messages = rows.Select(r => OutboxSql.ToMessage(r.Kind, r.Severity, r.Html, r.ChatId)).ToList();
        long? first = null;
        foreach (var digest in BacklogDigest.Fold(messages, catalogue))
        {
            var id = await OutboxSql.InsertAsync(c, tx, digest, now, ct);
            await c.ExecuteAsync(new CommandDefinition("UPDATE outbox SET is_digest = 1 WHERE id = @id;", new { id }, tx, cancellationToken: ct));
            first ??= id;
        }

        return await c.ExecuteAsync(new CommandDefinition(
            MarkFolded, new { Now = UnixMs.Of(now), Digest = first, Ids = rows.Select(r => r.Id).ToList() }, tx, cancellationToken: ct));
    }

    private sealed record FoldRow
    {
        public long Id { get; init; }

        public long Kind { get; init; }

        public long Severity { get; init; }

        public long? ChatId { get; init; }

        public string Html { get; init; } = "";
    }
}
