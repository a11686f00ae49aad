using ChatOpsWatch.Domain.Nodes;
using ChatOpsWatch.Domain.Storage;
using ChatOpsWatch.Domain.Text;
using ChatOpsWatch.Infrastructure.Storage;
using ChatOpsWatch.Infrastructure.Storage.Compact;
using Dapper;
using Microsoft.Extensions.Time.Testing;

namespace ChatOpsWatch.Infrastructure.Tests.Storage;

/// <summary>
/// A database of schema v15 (migrations 1 to 15, points and rollups in blob format 1 as the v15 store and rollups wrote
/// them) opened by today's code (issue 14): the maintenance converts every blob to format 2 in batches, a kill between
/// batches loses nothing, and every value reads the same before and after, bit for bit.
/// </summary>
public sealed class SqliteCompactionTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("chatopswatch-v15-").FullName;

    private string Path => System.IO.Path.Combine(_dir, "v15.db");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task StepAsync_V15Database_ConvertsEveryBlobWithTheSameValues()
    {
        BuildV15(nodes: 3, polls: 600);
        var before = Rows();
        var time = new FakeTimeProvider(Some.Now);
        using var db = SqliteDatabase.Open(Path, time);
        var chartBefore = await new SqliteSeriesReader(db).ReadAsync("web-1", "cpu.busy_pct", Some.Now.AddDays(-1), SampleTier.Hour, default);

        await new SqliteStorageMaintenance(db, RetentionOptions.Default, TextCatalog.English, time).RunUntilIdleAsync(default);

        var after = Rows();
        Assert.All(before, b => Assert.False(b.Current));
        AssertSameValues(before, after);
        Assert.Equal(chartBefore, await new SqliteSeriesReader(db).ReadAsync("web-1", "cpu.busy_pct", Some.Now.AddDays(-1), SampleTier.Hour, default));
        using var raw = TestDb.RawAt(Path);
        Assert.Equal(0, raw.ExecuteScalar<long>("SELECT count(*) FROM storage_marks WHERE name = 'compact:2';"));
        Assert.Equal("ok", raw.ExecuteScalar<string>("PRAGMA integrity_check;"));
    }

    [Fact]
    public async Task StepAsync_StoppedAfterEachBatch_ResumesInANewProcessWithNothingLostOrChanged()
    {
        BuildV15(nodes: 2, polls: 1_440);
        var before = Rows();
        var time = new FakeTimeProvider(Some.Now);
        var steps = 0;
        for (var process = 0; process < 200; process++)
        {
            using var db = SqliteDatabase.Open(Path, time);
            var maintenance = new SqliteStorageMaintenance(db, RetentionOptions.Default, TextCatalog.English, time);
            var work = await maintenance.StepAsync(default);
            if (work == MaintenanceWork.Idle)
            {
                break;
            }

            steps++;
            db.Dispose();
        }

        var after = Rows();
        Assert.InRange(steps, 6, 199); // several batches (2,880 points, 512 a batch), each in its own process, then done
        Assert.All(after, a => Assert.True(a.Current));
        AssertSameValues(before, after);
    }

    [Fact]
    public void Encode_MovingPercentAndCounter_TakeFewerBytesThanFormatOne()
    {
        var cpu = Stats([12.5, 17.25, 14, 13.5, 16]);
        var counter = Stats([1e11, 1e11 + 250_000, 1e11 + 400_000, 1e11 + 990_000]);

        var v2 = RollupCodec.Encode(5, [(1, cpu), (2, counter with { Count = 5 })]);
        var v1 = RollupCodecV1.Encode(5, [(1, cpu), (2, counter with { Count = 5 })]);

        Assert.True(v2.Length * 4 < v1.Length * 3, $"format 2 took {v2.Length} bytes, format 1 {v1.Length}");
        var (_, series) = RollupCodec.Decode(v2);
        Assert.Equal(cpu, series[0].Stats);
        Assert.Equal(14.65, series[0].Stats.Avg);
    }

    private static RollupStats Stats(double[] values)
    {
        var sum = values.Sum();
        return new RollupStats(values.Min(), values.Max(), sum / values.Length, values[^1], values.Length);
    }

    private static void AssertSameValues(List<Row> before, List<Row> after)
    {
        var byKey = after.ToDictionary(a => (a.Tier, a.NodeId, a.At));
        foreach (var b in before)
        {
            var a = byKey[(b.Tier, b.NodeId, b.At)];
            Assert.Equal(b.Values, a.Values);
        }
    }

    private sealed record Row(long Tier, long NodeId, long At, bool Current, string Values);

    /// <summary>Every stored row, its values decoded and written out with every double's bits.</summary>
    private List<Row> Rows()
    {
        using var c = TestDb.RawAt(Path);
        var rows = new List<Row>();
        foreach (var (node, at, data) in c.Query<(long, long, byte[])>("SELECT node_id, at, data FROM points;"))
        {
            rows.Add(new Row(0, node, at, PointCodec.IsCurrent(data), string.Join(';', PointCodec.Decode(data).Select(p => $"{p.Id}={Bits(p.Value)}"))));
        }

        foreach (var (tier, node, at, data) in c.Query<(long, long, long, byte[])>("SELECT tier, node_id, at, data FROM rollups;"))
        {
            var (polls, series) = RollupCodec.Decode(data);
            rows.Add(new Row(tier, node, at, RollupCodec.IsCurrent(data), $"{polls}|" + string.Join(';', series.Select(s =>
                $"{s.Id}={Bits(s.Stats.Min)},{Bits(s.Stats.Max)},{Bits(s.Stats.Avg)},{Bits(s.Stats.Last)},{s.Stats.Count}"))));
        }

        return rows;
    }

    private static long Bits(double v) => BitConverter.DoubleToInt64Bits(v);

    /// <summary>
    /// The v15 file: schema 1..15, the nodes, and per node its polls and 5-minute and hourly rollups in format 1, with the
    /// rollup watermarks, as the v15 store and maintenance left them (their float32 means included).
    /// </summary>
    private void BuildV15(int nodes, int polls)
    {
        using var c = TestDb.RawAt(Path);
        c.Execute("PRAGMA auto_vacuum = INCREMENTAL;");
        SqliteMigrator.Apply(c, Path, SqliteSchema.Migrations.Take(15).ToList(), Some.Now);
        using var tx = c.BeginTransaction();
        var start = SampleTiers.BucketStart(SampleTier.Hour, Some.Now.AddHours(-20).ToUnixTimeMilliseconds());
        var keys = new[] { "cpu.busy_pct", "mem.avail_ratio", "net.rx_bytes{iface=eth0}", "swap.used_pct", "disk.used_pct{kind=data,mount=/}", "load.1m" };
        for (var k = 0; k < keys.Length; k++)
        {
            c.Execute("INSERT INTO series (id, key) VALUES (@id, @key);", new { id = (k * 2) + 1, key = keys[k] }, tx);
        }

        var five = new SortedDictionary<(long Node, long At), (int Polls, SortedDictionary<int, RollupStats> Series)>();
        for (var n = 1; n <= nodes; n++)
        {
            c.Execute(
                "INSERT INTO nodes (name, provider, region, role, interval_ms, first_seen) VALUES (@node, 'hetzner', 'fsn1', @role, 30000, @start);",
                new { node = $"web-{n}", role = (int)NodeRole.Core, start }, tx);
            c.Execute("INSERT INTO node_ids (id, name) VALUES (@n, @node);", new { n, node = $"web-{n}" }, tx);
            for (var i = 0; i < polls; i++)
            {
                var at = start + (i * 30_000L);
                List<(int, double)> values =
                [
                    (1, Math.Round(Math.Abs(Math.Sin(i / 10.0)) * 100, 2)),
                    (3, 1.0 / (3 + (i % 5))),
                    (5, 1e12 + (i * 12345.0)),
                    (7, 0),
                    (9, i % 50 == 0 ? double.NaN : 50 + (i / 1000.0)),
                    (11, Math.Round(0.01 * (i % 300), 2)),
                ];
                c.Execute("INSERT INTO points (node_id, at, data) VALUES (@n, @at, @data);", new { n, at, data = PointCodecV1.Encode(values) }, tx);
                var key = (n, SampleTiers.BucketStart(SampleTier.FiveMinutes, at));
                var bucket = five.TryGetValue(key, out var b) ? b : (Polls: 0, Series: new SortedDictionary<int, RollupStats>());
                foreach (var (id, v) in values)
                {
                    bucket.Series[id] = bucket.Series.TryGetValue(id, out var s) ? s.Then(RollupStats.Of(v)) : RollupStats.Of(v);
                }

                five[key] = (bucket.Polls + 1, bucket.Series);
            }
        }

        var hours = new SortedDictionary<(long Node, long At), (int Polls, SortedDictionary<int, RollupStats> Series)>();
        foreach (var ((node, at), (p, series)) in five)
        {
            var blob = RollupCodecV1.Encode(p, [.. series.Select(kv => (kv.Key, kv.Value))]);
            c.Execute("INSERT INTO rollups (tier, node_id, at, polls, data) VALUES (1, @node, @at, @p, @blob);", new { node, at, p, blob }, tx);
            var key = (node, SampleTiers.BucketStart(SampleTier.Hour, at));
            var hour = hours.TryGetValue(key, out var h) ? h : (Polls: 0, Series: new SortedDictionary<int, RollupStats>());
            foreach (var (id, s) in RollupCodecV1.Decode(blob).Series)
            {
                hour.Series[id] = hour.Series.TryGetValue(id, out var before) ? before.Then(s) : s;
            }

            hours[key] = (hour.Polls + p, hour.Series);
        }

        foreach (var ((node, at), (p, series)) in hours)
        {
            c.Execute(
                "INSERT INTO rollups (tier, node_id, at, polls, data) VALUES (2, @node, @at, @p, @blob);",
                new { node, at, p, blob = RollupCodecV1.Encode(p, [.. series.Select(kv => (kv.Key, kv.Value))]) },
                tx);
        }

        var end = start + (polls * 30_000L);
        c.Execute(
            "INSERT INTO storage_marks (name, value) VALUES ('rollup:1', @five), ('rollup:2', @hour);",
            new { five = SampleTiers.BucketStart(SampleTier.FiveMinutes, end), hour = SampleTiers.BucketStart(SampleTier.Hour, end) },
            tx);
        tx.Commit();
    }
}
