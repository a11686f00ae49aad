using ChatOpsWatch.Domain.Text;
using ChatOpsWatch.Domain.Nodes;
using ChatOpsWatch.Infrastructure.Storage;
using Dapper;
using Microsoft.Data.Sqlite;

namespace ChatOpsWatch.Infrastructure.Tests.Storage;

/// <summary>
/// A database of the v10 era (migrations 1 to 10 only, samples written as that writer wrote them: one JSON object per
/// poll) opened by today's code: every sample is converted into the compact form with the very same values (issue 14).
/// </summary>
public sealed class SqliteSchemaV10MigrationTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("chatopswatch-v10-").FullName;

    private string Path => System.IO.Path.Combine(_dir, "v10.db");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Open_V10DatabaseWithJsonSamples_ConvertsThemWithEqualValues()
    {
        var before = BuildV10(nodes: 3, polls: 2_500);

        using var db = SqliteDatabase.Open(Path, new Microsoft.Extensions.Time.Testing.FakeTimeProvider(Some.Now));

        var after = new List<(string, long, Dictionary<string, double>)>();
        foreach (var node in before.Select(b => b.Node).Distinct())
        {
            await new SqliteMonitorStore(db, TimeProvider.System, TextCatalog.English).ReplaySamplesAsync(node, DateTimeOffset.UnixEpoch, s => after.Add((s.Node, s.At.ToUnixTimeMilliseconds(), new Dictionary<string, double>(s.Values))), default);
        }

        Assert.Equal(before.Count, after.Count);
        for (var i = 0; i < before.Count; i++)
        {
            Assert.Equal(before[i].Node, after[i].Item1);
            Assert.Equal(before[i].At, after[i].Item2);
            Assert.Equal(before[i].Values.OrderBy(kv => kv.Key), after[i].Item3.OrderBy(kv => kv.Key));
        }

        using var raw = TestDb.RawAt(Path);
        Assert.Equal(0, raw.ExecuteScalar<long>("SELECT count(*) FROM samples;"));
        Assert.Equal("ok", raw.ExecuteScalar<string>("PRAGMA integrity_check;"));
        Assert.Equal(SqliteSchema.Migrations[^1].Version, raw.ExecuteScalar<long>("SELECT max(version) FROM schema_version;"));
        Assert.Equal(SqliteVacuum.Incremental, raw.ExecuteScalar<long>("PRAGMA auto_vacuum;"));
    }

    [Fact]
    public void ConvertBatch_StoppedAfterOneBatch_ResumesAtTheNextOpenWithNothingLostOrDoubled()
    {
        var before = BuildV10(nodes: 2, polls: 3_000);
        using (var raw = TestDb.RawAt(Path))
        {
            SqliteMigrator.Apply(raw, Path, SqliteSchema.Migrations, Some.Now);
            Assert.Equal(SqliteLegacySamples.Batch, SqliteLegacySamples.ConvertBatch(raw, new Infrastructure.Storage.Compact.SeriesDictionary(), SqliteLegacySamples.Batch));
            Assert.Equal(before.Count - SqliteLegacySamples.Batch, raw.ExecuteScalar<long>("SELECT count(*) FROM samples;"));
        }

        using var db = SqliteDatabase.Open(Path, TimeProvider.System);

        using var check = TestDb.RawAt(Path);
        Assert.Equal(before.Count, check.ExecuteScalar<long>("SELECT count(*) FROM sample_rows;"));
        Assert.Equal(before.Count, check.ExecuteScalar<long>("SELECT count(*) FROM points;"));
    }

    /// <summary>The v10 file: schema 1..10 and the rows the v10 store wrote (nodes upserted, one JSON row per poll).</summary>
    private List<(string Node, long At, Dictionary<string, double> Values)> BuildV10(int nodes, int polls)
    {
        var rows = new List<(string, long, Dictionary<string, double>)>();
        using var c = TestDb.RawAt(Path);
        SqliteMigrator.Apply(c, Path, SqliteSchema.Migrations.Take(10).ToList(), Some.Now);
        using var tx = c.BeginTransaction();
        var start = Some.Now.AddDays(-3).ToUnixTimeMilliseconds();
        for (var n = 0; n < nodes; n++)
        {
            var node = $"web-{n + 1}";
            c.Execute(
                "INSERT INTO nodes (name, provider, region, role, interval_ms, first_seen) VALUES (@node, 'hetzner', 'fsn1', @role, 30000, @start);",
                new { node, role = (int)NodeRole.Core, start }, tx);
            for (var i = 0; i < polls; i++)
            {
                var at = start + (i * 30_000L);
                var values = new Dictionary<string, double>(Some.Sample(node, DateTimeOffset.FromUnixTimeMilliseconds(at), load: Math.Round(0.01 * (i % 300), 2)).Values)
                {
                    ["cpu.busy_pct"] = Math.Round(Math.Abs(Math.Sin(i / 10.0)) * 100, 2),
                    ["net.rx_bytes{iface=eth0}"] = 1e12 + (i * 12345.0),
                    ["mem.avail_ratio"] = 1.0 / (3 + (i % 5)),
                };
                if (i % 7 == 0)
                {
                    values["disk.used_pct{kind=data,mount=/data}"] = 50 + (i / 1000.0);
                }

                c.Execute("INSERT INTO samples (node, at, metrics) VALUES (@node, @at, @metrics);", new { node, at, metrics = MetricsJson.Write(values) }, tx);
                rows.Add((node, at, values));
            }
        }

        tx.Commit();
        return rows;
    }
}
