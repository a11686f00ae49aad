using ChatOpsWatch.Domain.Notifications;
using ChatOpsWatch.Domain.Ports;
using ChatOpsWatch.Domain.Security;
using Dapper;

namespace ChatOpsWatch.Infrastructure.Storage;

/// <summary>Pinned SSH host keys in SQLite. A pin and its announcement are written together or not at all.</summary>
public sealed class SqliteHostKeyStore(SqliteDatabase db) : IHostKeyStore
{
    private const string Insert = """
        INSERT INTO host_keys (node, algorithm, fingerprint, source, pinned_at)
        VALUES (@Node, @Algorithm, @Fingerprint, @Source, @PinnedAt)
        ON CONFLICT (node, algorithm, fingerprint) DO NOTHING;
        """;

    public Task<IReadOnlyList<PinnedHostKey>> PinsAsync(string node, CancellationToken ct) =>
        db.RunAsync<IReadOnlyList<PinnedHostKey>>(
            $"reading host keys of '{node}'",
            async c => (await c.QueryAsync<PinRow>(new CommandDefinition(
                    """
                    SELECT node AS Node, algorithm AS Algorithm, fingerprint AS Fingerprint, source AS Source
                    FROM host_keys WHERE node = @node ORDER BY pinned_at, algorithm, fingerprint;
                    """,
                    new { node },
                    cancellationToken: ct)))
                .Select(r => new PinnedHostKey(r.Node, r.Algorithm, r.Fingerprint, r.Source))
                .ToList(),
            ct);

    public Task PinAsync(PinnedHostKey pin, OutboxMessage? announcement, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(pin);
        if (announcement is not null)
        {
            OutboxSql.Validate(announcement);
        }

        return db.InTransactionAsync(
            $"pinning a host key of '{pin.Node}'",
            async (c, tx) =>
            {
                var args = new { pin.Node, pin.Algorithm, pin.Fingerprint, pin.Source, PinnedAt = UnixMs.Of(now) };
                var inserted = await c.ExecuteAsync(new CommandDefinition(Insert, args, tx, cancellationToken: ct));
                if (inserted > 0 && announcement is not null)
                {
                    await OutboxSql.InsertAsync(c, tx, announcement, now, ct);
                }

                return inserted;
            },
            ct);
    }

    public Task ForgetAsync(string node, CancellationToken ct) =>
        db.RunAsync(
            $"forgetting host keys of '{node}'",
            c => c.ExecuteAsync(new CommandDefinition("DELETE FROM host_keys WHERE node = @node;", new { node }, cancellationToken: ct)),
            ct);

    private sealed record PinRow
    {
        public string Node { get; init; } = "";

        public string Algorithm { get; init; } = "";

        public string Fingerprint { get; init; } = "";

        public string Source { get; init; } = "";
    }
}
