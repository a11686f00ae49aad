using ChatOpsWatch.Domain.SelfWatch;
using Dapper;
using Microsoft.Data.Sqlite;

namespace ChatOpsWatch.Infrastructure.Storage;

/// <summary>
/// The health verb's read of the SQLite file at <paramref name="path"/>, from a process other than the monitor's: a
/// committed write means the file is writable and the disk takes a page.
/// </summary>
public sealed class SqliteSelfCheck(string path) : ISelfCheck
{
    /// <summary>Shorter than the monitor's own wait: a health check must answer within the container's timeout.</summary>
    public const int BusyTimeoutMs = 3000;

    public async Task<SelfCheckFacts> ReadAsync(DateTimeOffset now, CancellationToken ct)
    {
        var full = Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            throw new Domain.Ports.StorageException($"SQLite database '{full}': no such file (has the monitor run with this configuration?)");
        }

        var builder = new SqliteConnectionStringBuilder { DataSource = full, Mode = SqliteOpenMode.ReadWrite, Pooling = false, DefaultTimeout = BusyTimeoutMs / 1000 };
        try
        {
            await using var c = new SqliteConnection(builder.ToString());
            await c.OpenAsync(ct);
            await c.ExecuteAsync($"PRAGMA busy_timeout = {BusyTimeoutMs};");
            var writeError = await TryWriteAsync(c, now, ct);
            var row = await c.QuerySingleOrDefaultAsync<LivenessRow>(new CommandDefinition(
                "SELECT started_at AS StartedAt, beat_at AS BeatAt, last_fired_at AS LastFiredAt, last_completed_at AS LastCompletedAt, interval_ms AS IntervalMs, nodes AS Nodes, beat_every_ms AS BeatEveryMs FROM liveness WHERE id = 1;",
                cancellationToken: ct));
            var (unsent, oldest) = await OutboxAsync(c, ct);
            return new SelfCheckFacts(writeError, row?.ToLiveness(), unsent, oldest);
        }
        catch (SqliteException ex)
        {
            throw new Domain.Ports.StorageException($"SQLite database '{full}': cannot be read: {ex.Message}", ex);
        }
    }

    internal static async Task<(int Unsent, DateTimeOffset? Oldest)> OutboxAsync(SqliteConnection c, CancellationToken ct)
    {
        var (count, oldest) = await c.QuerySingleAsync<(long, long?)>(new CommandDefinition(
            "SELECT COUNT(*), MIN(created_at) FROM outbox WHERE sent_at IS NULL;", cancellationToken: ct));
        return ((int)count, UnixMs.At(oldest));
    }

    private static async Task<string?> TryWriteAsync(SqliteConnection c, DateTimeOffset now, CancellationToken ct)
    {
        try
        {
            await using var tx = await c.BeginTransactionAsync(ct);
            await c.ExecuteAsync(new CommandDefinition(
                "INSERT INTO health_checks (id, checked_at) VALUES (1, @Now) ON CONFLICT (id) DO UPDATE SET checked_at = excluded.checked_at;",
                new { Now = UnixMs.Of(now) },
                tx,
                cancellationToken: ct));
            await tx.CommitAsync(ct);
            return null;
        }
        catch (SqliteException ex)
        {
            return ex.Message;
        }
    }

    private sealed record LivenessRow
    {
        public long StartedAt { get; init; }

        public long BeatAt { get; init; }

        public long? LastFiredAt { get; init; }

        public long? LastCompletedAt { get; init; }

        public long IntervalMs { get; init; }

        public long Nodes { get; init; }

        public long BeatEveryMs { get; init; }

        public Liveness ToLiveness() => new(
            UnixMs.At(StartedAt),
            UnixMs.At(BeatAt),
            UnixMs.At(LastFiredAt),
            UnixMs.At(LastCompletedAt),
            TimeSpan.FromMilliseconds(IntervalMs),
            (int)Nodes,
            TimeSpan.FromMilliseconds(BeatEveryMs));
    }
}
