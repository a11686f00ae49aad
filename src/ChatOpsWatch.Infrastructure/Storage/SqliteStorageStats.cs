using ChatOpsWatch.Domain.Storage;
using ChatOpsWatch.Infrastructure.Storage.Compact;
using Dapper;
using Microsoft.Data.Sqlite;

namespace ChatOpsWatch.Infrastructure.Storage;

/// <summary>
/// Reads a <see cref="StorageReport"/>: the file's pages, every table's rows and estimated bytes, the tiers. It counts
/// every row (a scan of the samples), so it takes seconds on a fleet's file; it only reads. As the port, it reads the
/// file at <paramref name="path"/> read-only on its own connection (the verb, /storage), and sizes it with its WAL.
/// </summary>
public sealed class SqliteStorageStats(string path, RetentionOptions retention) : IStorageStats
{
    public Task<StorageReport> ReadAsync(CancellationToken ct) => Task.Run(() => ReadFile(path, retention), ct);

    public long SizeBytes() => FileBytes(path) + FileBytes(path + "-wal");

    private static long FileBytes(string file)
    {
        try
        {
            return new FileInfo(file) is { Exists: true } f ? f.Length : 0;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return 0;
        }
    }

    /// <summary>Estimated key bytes of a points or rollups row besides its blob (ids, time, record header, cell pointer).</summary>
    private const int KeyBytes = 14;

    /// <summary>From the live monitor's database (/storage).</summary>
    public static Task<StorageReport> ReadAsync(SqliteDatabase db, RetentionOptions retention, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.RunAsync("reading storage figures", c => Task.FromResult(Read(c, db.FilePath, retention)), ct);
    }

    /// <summary>From a file, read-only (the storage verb). Throws <see cref="Domain.Ports.StorageException"/> when it cannot be read.</summary>
    public static StorageReport ReadFile(string path, RetentionOptions retention)
    {
        var full = Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            throw new Domain.Ports.StorageException($"SQLite database '{full}' does not exist (check ChatOpsWatch:Storage:Path)");
        }

        try
        {
            using var c = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = full, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
            c.Open();
            return Read(c, full, retention);
        }
        catch (Exception ex) when (ex is SqliteException or InvalidDataException or IOException)
        {
            throw new Domain.Ports.StorageException($"SQLite database '{full}': reading storage figures failed: {ex.Message}", ex);
        }
    }

    private static StorageReport Read(SqliteConnection c, string path, RetentionOptions retention)
    {
        using var tx = c.BeginTransaction(deferred: true);
        var pageSize = c.ExecuteScalar<long>("PRAGMA page_size;", transaction: tx);
        var pages = c.ExecuteScalar<long>("PRAGMA page_count;", transaction: tx);
        var free = c.ExecuteScalar<long>("PRAGMA freelist_count;", transaction: tx);
        var incremental = c.ExecuteScalar<long>("PRAGMA auto_vacuum;", transaction: tx) == SqliteVacuum.Incremental;
        var compact = c.ExecuteScalar<long>("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'points';", transaction: tx) > 0;

        var payload = new List<(string Name, long Rows, double Bytes)>();
        foreach (var table in c.Query<string>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name;", transaction: tx))
        {
            payload.Add(table is "points" or "rollups"
                ? (table, c.ExecuteScalar<long>($"SELECT count(*) FROM {table};", transaction: tx), c.ExecuteScalar<double>($"SELECT COALESCE(sum(length(data)), 0) + count(*) * {KeyBytes} FROM {table};", transaction: tx))
                : Generic(c, tx, table));
        }

        var used = (pages - free) * pageSize;
        var total = Math.Max(1, payload.Sum(p => p.Bytes));
        long Share(double bytes) => (long)(used * bytes / total);
        var tables = payload.Select(p => new TableSize(p.Name, p.Rows, Share(p.Bytes))).OrderByDescending(t => t.Bytes).ToList();

        var tiers = new List<TierSize>();
        var valuesPerPoll = 0d;
        if (compact)
        {
            var raw = payload.First(p => p.Name == "points");
            tiers.Add(new TierSize(
                SampleTier.Raw, raw.Rows, raw.Rows, Share(raw.Bytes),
                UnixMs.At(c.ExecuteScalar<long?>("SELECT min((SELECT min(at) FROM points WHERE node_id = i.id)) FROM node_ids i;", transaction: tx)),
                UnixMs.At(c.ExecuteScalar<long?>("SELECT max((SELECT max(at) FROM points WHERE node_id = i.id)) FROM node_ids i;", transaction: tx))));
            foreach (var tier in (SampleTier[])[SampleTier.FiveMinutes, SampleTier.Hour])
            {
                var r = c.QuerySingle<(long Rows, long? Polls, double? Bytes, long? Oldest, long? Newest)>(
                    $"SELECT count(*), sum(polls), sum(length(data)) + count(*) * {KeyBytes}, min(at), max(at) FROM rollups WHERE tier = @tier;", new { tier = (int)tier }, tx);
                tiers.Add(new TierSize(tier, r.Rows, r.Polls ?? 0, Share(r.Bytes ?? 0), UnixMs.At(r.Oldest), UnixMs.At(r.Newest)));
            }

            var newest = c.Query<byte[]>("SELECT (SELECT data FROM points WHERE node_id = i.id ORDER BY at DESC LIMIT 1) FROM node_ids i;", transaction: tx).Where(d => d is not null).ToList();
            valuesPerPoll = newest.Count == 0 ? 0 : newest.Average(d => PointCodec.Decode(d).Count);
        }

        var legacy = payload.FirstOrDefault(p => p.Name == "samples").Rows;
        return new StorageReport(path, pages * pageSize, free * pageSize, incremental, tables, tiers, valuesPerPoll, legacy, retention);
    }

    /// <summary>A table's rows and the length of all its values (an estimate of its stored bytes).</summary>
    private static (string, long, double) Generic(SqliteConnection c, SqliteTransaction tx, string table)
    {
        var columns = c.Query<string>("SELECT name FROM pragma_table_info(@table);", new { table }, tx).ToList();
        var sum = columns.Count == 0 ? "0" : string.Join(" + ", columns.Select(col => $"COALESCE(length(\"{col}\"), 1)"));
        var (rows, bytes) = c.QuerySingle<(long, double?)>($"SELECT count(*), sum({sum} + 4) FROM \"{table}\";", transaction: tx);
        return (table, rows, bytes ?? 0);
    }
}
