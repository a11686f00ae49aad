using System.Data.Common;
using ChatOpsWatch.Domain.Nodes;
using ChatOpsWatch.Domain.Ports;
using ChatOpsWatch.Domain.Samples;
using ChatOpsWatch.Infrastructure.Archive;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace ChatOpsWatch.Infrastructure.Storage;

/// <summary>
/// The archive's durable spool in the monitor's SQLite file (table <c>archive_spool</c>, schema v14). Polls append in their
/// own transaction (<see cref="IPollArchive"/>, called by <see cref="SqliteMonitorStore"/>); <see cref="InfluxArchiveLoop"/> reads the head in id order and deletes what
/// InfluxDB stored. Bounded by <see cref="InfluxOptions.MaxSpoolBytes"/>: a poll that does not fit is not spooled, its
/// points are counted in <c>archive_state.dropped_full</c> and logged, and the loop tells the chat once per episode; the
/// episode ends when the spool drained to half its bound. Dropping the newest keeps the spool one unbroken run
/// from the outage's start, so the archive has a single gap, at its end. Throws <see cref="StorageException"/> on IO failure.
/// </summary>
public sealed class SqliteArchiveSpool(SqliteDatabase db, InfluxOptions options, ILogger<SqliteArchiveSpool> log) : IPollArchive, IArchiveSpool
{
    private long _bytes = -1;
    private long _droppedInEpisode;
    private long _fullSinceMs;

    /// <summary>Bytes of line protocol spooled, as last counted; -1 before the first count.</summary>
    public long Bytes => Interlocked.Read(ref _bytes);

    public DateTimeOffset? FullSince => Interlocked.Read(ref _fullSinceMs) is > 0 and var ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;

    public long DroppedInEpisode => Interlocked.Read(ref _droppedInEpisode);

    public async Task AppendAsync(SqliteConnection connection, DbTransaction tx, Sample sample, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(sample);
        var (provider, region, role) = await connection.QueryFirstOrDefaultAsync<(string Provider, string Region, long Role)>(
            "SELECT provider, region, role FROM nodes WHERE name = @Node;", new { sample.Node }, tx);
        var lines = LineProtocol.Lines(new ArchiveNodeTags(sample.Node, string.Empty, string.Empty, RoleName((NodeRole)role)) { Provider = provider ?? "unknown", Region = region ?? "unknown" }, sample);
        if (lines.Count == 0)
        {
            return;
        }

        var text = string.Join('\n', lines);
        var bytes = (long)System.Text.Encoding.UTF8.GetByteCount(text);
        if (Interlocked.Read(ref _bytes) < 0)
        {
            Interlocked.Exchange(ref _bytes, await connection.ExecuteScalarAsync<long>("SELECT COALESCE(SUM(bytes), 0) FROM archive_spool;", transaction: tx));
        }

        if (Interlocked.Read(ref _bytes) + bytes > options.MaxSpoolBytes)
        {
            await connection.ExecuteAsync("UPDATE archive_state SET dropped_full = dropped_full + @Count WHERE id = 1;", new { lines.Count }, tx);
            Drop(sample, lines.Count, now);
            return;
        }

        await connection.ExecuteAsync(
            "INSERT INTO archive_spool (queued_at, points, bytes, lines) VALUES (@At, @Count, @Bytes, @Text);",
            new { At = UnixMs.Of(now), lines.Count, Bytes = bytes, Text = text },
            tx);
        Interlocked.Add(ref _bytes, bytes);
    }

    private void Drop(Sample sample, int points, DateTimeOffset now)
    {
        var first = Interlocked.CompareExchange(ref _fullSinceMs, UnixMs.Of(now), 0) == 0;
        if (first)
        {
            Interlocked.Exchange(ref _droppedInEpisode, 0);
            log.LogWarning(
                "InfluxDB archive spool full ({Bytes} bytes, bound {Max} bytes = Archive:Influx:MaxSpoolMb): new points are dropped, counted and reported until it drains; first: {Points} point(s) of '{Node}' at {At:o}",
                Bytes, options.MaxSpoolBytes, points, sample.Node, sample.At);
        }

        Interlocked.Add(ref _droppedInEpisode, points);
        Telemetry.SelfMetrics.ArchiveDropped.WithLabels("full").Inc(points);
    }

    /// <summary>The head of the spool in send order: rows until <paramref name="maxPoints"/> points (at least one row).</summary>
    public Task<IReadOnlyList<SpoolRow>> HeadAsync(int maxPoints, CancellationToken ct) =>
        db.RunAsync<IReadOnlyList<SpoolRow>>("reading the archive spool", async c =>
        {
            var rows = new List<SpoolRow>();
            var points = 0L;
            var query = c.QueryUnbufferedAsync<SpoolRow>("SELECT id, queued_at AS QueuedAt, points, bytes, lines FROM archive_spool ORDER BY id LIMIT @Limit;", new { Limit = Math.Max(1, maxPoints) });
            await foreach (var row in query.WithCancellation(ct))
            {
                if (rows.Count > 0 && points + row.Points > maxPoints)
                {
                    break;
                }

                rows.Add(row);
                points += row.Points;
            }

            if (rows.Count == 0)
            {
                Interlocked.Exchange(ref _bytes, 0);
            }

            return rows;
        }, ct);

    /// <summary>Removes rows up to <paramref name="lastId"/> once InfluxDB stored (or refused as bad) their points, and counts them.</summary>
    public Task CompleteAsync(long lastId, long bytes, int written, int bad, CancellationToken ct) =>
        db.RunAsync("completing archived points", async c =>
        {
            await using var tx = await c.BeginTransactionAsync(ct);
            await c.ExecuteAsync("DELETE FROM archive_spool WHERE id <= @lastId;", new { lastId }, tx);
            await c.ExecuteAsync("UPDATE archive_state SET written = written + @written, dropped_bad = dropped_bad + @bad WHERE id = 1;", new { written, bad }, tx);
            await tx.CommitAsync(ct);
            var left = Interlocked.Add(ref _bytes, -bytes);
            return left;
        }, ct);

    /// <summary>True once, when a full episode ends (the spool drained to half its bound); the episode's drops stay in <see cref="DroppedInEpisode"/>.</summary>
    public bool TryEndEpisode()
    {
        if (FullSince is null || Bytes < 0 || Bytes > options.MaxSpoolBytes / 2)
        {
            return false;
        }

        Interlocked.Exchange(ref _fullSinceMs, 0);
        return true;
    }

    /// <summary>The archive's counters and the spool's size, from the database.</summary>
    public Task<ArchiveCounters> CountersAsync(CancellationToken ct) =>
        db.RunAsync("reading the archive counters", c => c.QuerySingleAsync<ArchiveCounters>(new CommandDefinition(
            """
            SELECT s.written AS Written, s.dropped_full AS DroppedFull, s.dropped_bad AS DroppedBad,
                   (SELECT COUNT(*) FROM archive_spool) AS Rows, (SELECT COALESCE(SUM(points), 0) FROM archive_spool) AS Points,
                   (SELECT COALESCE(SUM(bytes), 0) FROM archive_spool) AS Bytes
            FROM archive_state s WHERE s.id = 1;
            """,
            cancellationToken: ct)), ct);

    private static string RoleName(NodeRole role) => role == NodeRole.Edge ? "edge" : "core";
}
