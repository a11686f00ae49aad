using ChatOpsWatch.Domain.Commands;
using ChatOpsWatch.Domain.Storage;
using ChatOpsWatch.Infrastructure.Storage.Compact;
using Dapper;
using Microsoft.Data.Sqlite;

namespace ChatOpsWatch.Infrastructure.Storage;

/// <summary>
/// Series for charts, read from the tier asked for (issue 14): raw polls, or 5-minute or hourly rollups followed by the
/// finer tiers for the time the coarser one has not covered yet (the rollups lag the polls by up to a bucket), so a
/// chart always reaches the latest poll. A rollup bucket becomes three points: its min at the start, its max in the
/// middle and its last value at the end, so the chart keeps spikes and its caption's low, high and latest stay true.
/// </summary>
public sealed class SqliteSeriesReader(SqliteDatabase db) : ISeriesReader
{
    private const string NodeId = "(SELECT id FROM node_ids WHERE name = @node)";

    public Task<IReadOnlySet<string>> SeriesAsync(string node, DateTimeOffset since, CancellationToken ct) =>
        db.RunAsync<IReadOnlySet<string>>(
            "reading a node's series names",
            async c =>
            {
                var args = new { node, since = UnixMs.Of(since) };
                var points = await c.QueryAsync<byte[]>(new CommandDefinition(
                    $"""
                    SELECT data FROM (SELECT data FROM points WHERE node_id = {NodeId} ORDER BY at DESC LIMIT 1)
                    UNION ALL
                    SELECT data FROM (SELECT data FROM points WHERE node_id = {NodeId} AND at >= @since ORDER BY at LIMIT 1);
                    """,
                    args,
                    cancellationToken: ct));
                var rollups = await c.QueryAsync<byte[]>(new CommandDefinition(
                    $"""
                    SELECT data FROM (SELECT data FROM rollups WHERE tier = 1 AND node_id = {NodeId} AND at >= @since ORDER BY at LIMIT 1)
                    UNION ALL
                    SELECT data FROM (SELECT data FROM rollups WHERE tier = 2 AND node_id = {NodeId} AND at >= @since ORDER BY at LIMIT 1);
                    """,
                    args,
                    cancellationToken: ct));
                var keys = new HashSet<string>(StringComparer.Ordinal);
                foreach (var blob in points)
                {
                    PointCodec.Decode(blob, (id, _) => Add(c, keys, id));
                }

                foreach (var blob in rollups)
                {
                    foreach (var (id, _) in RollupCodec.Decode(blob).Series)
                    {
                        Add(c, keys, id);
                    }
                }

                return keys;
            },
            ct);

    public Task<IReadOnlyList<SeriesPoint>> ReadAsync(string node, string series, DateTimeOffset since, SampleTier tier, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(series);
        return db.RunAsync<IReadOnlyList<SeriesPoint>>(
            $"reading {series} of {node}",
            async c =>
            {
                if (!db.Series.TryId(series, out var id))
                {
                    db.Series.Load(c);
                    if (!db.Series.TryId(series, out id))
                    {
                        return [];
                    }
                }

                // One snapshot: a rollup committed between two of the reads would otherwise show its polls twice.
                await using var tx = c.BeginTransaction(deferred: true);
                var result = new List<SeriesPoint>();
                var from = UnixMs.Of(since);
                for (var t = tier; t > SampleTier.Raw; t--)
                {
                    from = await ReadRollupsAsync(c, tx, node, id, t, from, result, ct);
                }

                var raw = await c.QueryAsync<(long At, byte[] Data)>(new CommandDefinition(
                    $"SELECT at, data FROM points WHERE node_id = {NodeId} AND at >= @from ORDER BY at;", new { node, from }, tx, cancellationToken: ct));
                foreach (var (at, data) in raw)
                {
                    if (PointCodec.Find(data, id) is { } v)
                    {
                        result.Add(new SeriesPoint(UnixMs.At(at), v));
                    }
                }

                return result;
            },
            ct);
    }

    /// <summary>Adds the tier's buckets starting at or after <paramref name="from"/>; returns where the next tier starts.</summary>
    private static async Task<long> ReadRollupsAsync(
        SqliteConnection c, SqliteTransaction tx, string node, int id, SampleTier tier, long from, List<SeriesPoint> result, CancellationToken ct)
    {
        var width = SampleTiers.WidthMs(tier);
        var rows = await c.QueryAsync<(long At, byte[] Data)>(new CommandDefinition(
            $"SELECT at, data FROM rollups WHERE tier = @tier AND node_id = {NodeId} AND at >= @from ORDER BY at;",
            new { tier = (int)tier, node, from },
            tx,
            cancellationToken: ct));
        var next = from;
        foreach (var (at, data) in rows)
        {
            next = at + width;
            if (RollupCodec.Find(data, id) is not { } s)
            {
                continue;
            }

            if (!double.IsNaN(s.Min))
            {
                result.Add(new SeriesPoint(UnixMs.At(at), s.Min));
                result.Add(new SeriesPoint(UnixMs.At(at + (width / 2)), s.Max));
            }

            result.Add(new SeriesPoint(UnixMs.At(at + width - 1), s.Last));
        }

        return next;
    }

    private void Add(SqliteConnection c, HashSet<string> keys, int id)
    {
        if (db.Series.KeyOf(c, id) is { } key)
        {
            keys.Add(key);
        }
    }
}
