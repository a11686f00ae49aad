using ChatOpsWatch.Domain.Storage;
using ChatOpsWatch.Infrastructure.Storage.Compact;
using Dapper;
using Microsoft.Data.Sqlite;

namespace ChatOpsWatch.Infrastructure.Storage;

/// <summary>
/// Incremental rollups (issue 14): the due buckets of one tier (<see cref="RetentionPolicy.DueBuckets"/>) are read from
/// the finer tier outside the write lock, aggregated here, and written with the tier's new watermark in one short
/// transaction that first checks the watermark did not move (compare and set), so a kill at any point, or a second
/// process, never counts a bucket twice nor skips one. A step that spends its budget inside a bucket (1,000 nodes make
/// 1,000 rows a bucket) stops after a node: the watermark stays at that bucket and the tier's node cursor
/// (<see cref="CursorName"/>) says which nodes of it are done, so no step holds the write turn much past its budget.
/// Every bucket before the watermark is rolled up for every node; of the bucket at the watermark, the nodes up to the
/// cursor; none after. Readers that go by node see a bucket of a node either rolled up or raw, never both.
/// </summary>
internal static class SqliteRollups
{
    /// <summary>At most this many rollup rows per transaction, so a poll's commit never waits long behind one.</summary>
    public const int RowsPerStep = 2_000;

    public static string MarkName(SampleTier tier) => $"rollup:{(int)tier}";

    /// <summary>The last node (by id) whose bucket at the tier's watermark is rolled up; absent when none of it is.</summary>
    public static string CursorName(SampleTier tier) => $"rollup:{(int)tier}:node";

    public static async Task<RollupMarks> MarksAsync(SqliteConnection c, CancellationToken ct)
    {
        var rows = (await c.QueryAsync<(string Name, long Value)>(new CommandDefinition(
            "SELECT name, value FROM storage_marks WHERE name LIKE 'rollup:%';", cancellationToken: ct))).ToDictionary(r => r.Name, r => r.Value);
        return new RollupMarks(
            rows.TryGetValue(MarkName(SampleTier.FiveMinutes), out var f) ? f : null,
            rows.TryGetValue(MarkName(SampleTier.Hour), out var h) ? h : null);
    }

    /// <summary>
    /// Rolls up the due buckets of <paramref name="tier"/> as of <paramref name="nowMs"/>, bucket after bucket and node
    /// after node, stopping at the row at which <paramref name="budget"/> is spent: the watermark and the node cursor then
    /// end there and the rest is planned again. Returns the rows written (1 when only the marks moved; 0: nothing due).
    /// </summary>
    public static async Task<int> StepAsync(SqliteDatabase db, SampleTier tier, long nowMs, MaintenanceBudget budget, CancellationToken ct)
    {
        var plan = await db.RunAsync($"planning the {tier} rollup", c => PlanAsync(c, tier, nowMs, ct), ct);
        if (plan.Due is not { } due)
        {
            return 0;
        }

        var rows = await db.RunAsync($"reading the {tier} rollup's source", c => Task.FromResult(Aggregate(c, tier, due.From, due.To, plan.Cursor ?? 0)), ct);
        rows.Sort((a, b) => a.At != b.At ? a.At.CompareTo(b.At) : a.NodeId.CompareTo(b.NodeId));
        return await db.InMaintenanceTransactionAsync($"writing the {tier} rollup", async (c, tx) =>
        {
            var marks = (await c.QueryAsync<(string Name, long Value)>(new CommandDefinition(
                "SELECT name, value FROM storage_marks WHERE name IN (@mark, @cursor);",
                new { mark = MarkName(tier), cursor = CursorName(tier) },
                tx,
                cancellationToken: ct))).ToDictionary(r => r.Name, r => r.Value);
            if (Of(marks, MarkName(tier)) != plan.Mark || Of(marks, CursorName(tier)) != plan.Cursor)
            {
                return 0; // another writer rolled these buckets up meanwhile
            }

            var started = budget.Start();
            var (to, cursor) = (due.To, (long?)null);
            var i = 0;
            while (i < rows.Count)
            {
                var r = rows[i++];
                await c.ExecuteAsync(new CommandDefinition(
                    "INSERT INTO rollups (tier, node_id, at, polls, data) VALUES (@Tier, @NodeId, @At, @Polls, @Data);",
                    new { Tier = (int)tier, r.NodeId, r.At, r.Polls, r.Data },
                    tx,
                    cancellationToken: ct));
                if (i < rows.Count && budget.Spent(started))
                {
                    (to, cursor) = rows[i].At == r.At ? (r.At, r.NodeId) : (r.At + SampleTiers.WidthMs(tier), (long?)null);
                    break;
                }
            }

            await SetMarkAsync(c, tx, MarkName(tier), to, ct);
            await SetMarkAsync(c, tx, CursorName(tier), cursor, ct);
            return Math.Max(1, i);
        }, ct);
    }

    private static long? Of(Dictionary<string, long> marks, string name) => marks.TryGetValue(name, out var v) ? v : null;

    /// <summary>
    /// The watermark, the node cursor and the buckets due: with a cursor, only the rest of the bucket at the watermark
    /// (the nodes after the cursor), so a split bucket is finished before the next one starts.
    /// </summary>
    private static async Task<(long? Mark, long? Cursor, (long From, long To)? Due)> PlanAsync(SqliteConnection c, SampleTier tier, long nowMs, CancellationToken ct)
    {
        var marks = await MarksAsync(c, ct);
        var mark = marks.Of(tier);
        var cursor = await c.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT value FROM storage_marks WHERE name = @name;", new { name = CursorName(tier) }, cancellationToken: ct));
        var nodes = await c.ExecuteScalarAsync<long>(new CommandDefinition("SELECT count(*) FROM node_ids;", cancellationToken: ct));
        var oldest = mark is null ? await OldestAsync(c, RetentionPolicy.SourceOf(tier), ct) : null;
        var buckets = cursor is null ? (int)Math.Max(1, RowsPerStep / Math.Max(1, nodes)) : 1;
        return (mark, cursor, RetentionPolicy.DueBuckets(tier, mark, oldest, RetentionPolicy.ReadyMs(tier, marks, nowMs), buckets));
    }

    private static Task<int> SetMarkAsync(SqliteConnection c, System.Data.Common.DbTransaction tx, string name, long? value, CancellationToken ct) =>
        c.ExecuteAsync(new CommandDefinition(
            value is null
                ? "DELETE FROM storage_marks WHERE name = @name;"
                : "INSERT INTO storage_marks (name, value) VALUES (@name, @value) ON CONFLICT (name) DO UPDATE SET value = excluded.value;",
            new { name, value },
            tx,
            cancellationToken: ct));

    /// <summary>The oldest row of <paramref name="tier"/> (one seek per node on the (node_id, at) key), or null.</summary>
    public static async Task<long?> OldestAsync(SqliteConnection c, SampleTier tier, CancellationToken ct) =>
        await c.ExecuteScalarAsync<long?>(new CommandDefinition(
            tier == SampleTier.Raw
                ? "SELECT min(m) FROM (SELECT (SELECT min(at) FROM points WHERE node_id = i.id) AS m FROM node_ids i);"
                : "SELECT min(m) FROM (SELECT (SELECT min(at) FROM rollups WHERE tier = @tier AND node_id = i.id) AS m FROM node_ids i);",
            new { tier = (int)tier },
            cancellationToken: ct));

    /// <summary>The rollup rows of [<paramref name="from"/>, <paramref name="to"/>) of the nodes after <paramref name="afterNode"/>.</summary>
    private static List<RollupRow> Aggregate(SqliteConnection c, SampleTier tier, long from, long to, long afterNode)
    {
        var source = RetentionPolicy.SourceOf(tier);
        var sql = source == SampleTier.Raw
            ? "SELECT i.id AS NodeId, p.at AS At, p.data AS Data FROM node_ids i JOIN points p ON p.node_id = i.id AND p.at >= @from AND p.at < @to WHERE i.id > @afterNode ORDER BY i.id, p.at;"
            : "SELECT i.id AS NodeId, r.at AS At, r.data AS Data FROM node_ids i JOIN rollups r ON r.tier = @tier AND r.node_id = i.id AND r.at >= @from AND r.at < @to WHERE i.id > @afterNode ORDER BY i.id, r.at;";
        var result = new List<RollupRow>();
        var bucket = new RollupBucket(-1, long.MinValue);
        foreach (var (nodeId, at, data) in c.Query<(long, long, byte[])>(sql, new { from, to, tier = (int)source, afterNode }, buffered: false))
        {
            var start = SampleTiers.BucketStart(tier, at);
            if (nodeId != bucket.NodeId || start != bucket.At)
            {
                bucket.Flush(result);
                bucket = new RollupBucket(nodeId, start);
            }

            if (source == SampleTier.Raw)
            {
                bucket.AddPoint(data);
            }
            else
            {
                bucket.AddRollup(data);
            }
        }

        bucket.Flush(result);
        return result;
    }

    internal sealed record RollupRow(long NodeId, long At, int Polls, byte[] Data);

    private sealed class RollupBucket(long nodeId, long at)
    {
        private readonly SortedDictionary<int, Series> _series = [];
        private int _polls;

        public long NodeId => nodeId;

        public long At => at;

        public void AddPoint(byte[] data)
        {
            _polls++;
            PointCodec.Decode(data, (id, value) => Add(id, RollupStats.Of(value), BlobWriter.TryDecimal(value, 5, out var m, out var scale) ? (m, scale) : null));
        }

        public void AddRollup(byte[] data)
        {
            var (polls, series) = RollupCodec.Decode(data);
            _polls += polls;
            foreach (var (id, stats) in series)
            {
                Add(id, stats, RollupCodec.TryExactSum(stats, out var sum, out var scale) ? (sum, scale) : null);
            }
        }

        public void Flush(List<RollupRow> into)
        {
            if (_polls > 0)
            {
                into.Add(new RollupRow(nodeId, at, _polls, RollupCodec.Encode(_polls, [.. _series.Select(kv => (kv.Key, kv.Value.Stats()))])));
            }
        }

        private void Add(int id, RollupStats stats, (long Sum, int Scale)? exact)
        {
            if (_series.TryGetValue(id, out var before))
            {
                before.Add(stats, exact);
            }
            else
            {
                _series[id] = new Series(stats, exact);
            }
        }
    }

    /// <summary>
    /// One series of a bucket: its stats, and while every part was a short decimal their exact sum, so the mean is the
    /// sum over the count (<see cref="RollupCodec.MeanOf"/>) and keeps its compact form from one tier to the next.
    /// </summary>
    private sealed class Series
    {
        private static readonly decimal[] Pow10 = [1m, 10m, 100m, 1_000m, 10_000m, 100_000m];

        private RollupStats _stats;
        private decimal _sum;
        private int _scale;
        private bool _exact;

        public Series(RollupStats stats, (long Sum, int Scale)? exact)
        {
            _stats = stats;
            _exact = exact is not null;
            if (exact is { } e)
            {
                (_sum, _scale) = (e.Sum / Pow10[e.Scale], e.Scale);
            }
        }

        public void Add(RollupStats stats, (long Sum, int Scale)? exact)
        {
            _stats = _stats.Then(stats);
            if (exact is { } e && _exact)
            {
                _sum += e.Sum / Pow10[e.Scale];
                _scale = Math.Max(_scale, e.Scale);
            }
            else
            {
                _exact = false;
            }
        }

        public RollupStats Stats()
        {
            if (!_exact)
            {
                return _stats;
            }

            var scaled = _sum * Pow10[_scale];
            return scaled == decimal.Truncate(scaled) && Math.Abs(scaled) < (1L << 53)
                ? _stats with { Avg = RollupCodec.MeanOf((long)scaled, _scale, _stats.Count) }
                : _stats;
        }
    }
}
