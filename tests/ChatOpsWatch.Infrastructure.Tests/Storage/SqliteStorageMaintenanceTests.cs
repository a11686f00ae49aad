using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Domain.Samples;
using ChatOpsWatch.Domain.Storage;
using ChatOpsWatch.Domain.Text;
using ChatOpsWatch.Infrastructure.Storage;
using ChatOpsWatch.Testing.Storage;
using Dapper;
using Xunit.Abstractions;

namespace ChatOpsWatch.Infrastructure.Tests.Storage;

/// <summary>Rollups and retention along a timeline of polls (issue 14): FakeTimeProvider, a real SQLite file, no sleeps.</summary>
public sealed class SqliteStorageMaintenanceTests(ITestOutputHelper output) : IDisposable
{
    private static readonly RetentionOptions Short = new(TimeSpan.FromDays(1), TimeSpan.FromDays(2), TimeSpan.FromDays(400), null);

    private readonly TestDb _db = new();

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task StepAsync_FourDaysOfPolls_RollsUpEveryPollOnceAndPrunesEachTierByAge()
    {
        var maintenance = new SqliteStorageMaintenance(_db.Database, Short, TextCatalog.English, _db.Time);
        var written = await PollAsync(["web-1", "web-2"], TimeSpan.FromDays(4), maintenance);

        Assert.Empty(StorageInvariants.Check(_db.Path, written));
        using var raw = _db.Raw();
        var now = _db.Time.GetUtcNow().ToUnixTimeMilliseconds();
        var oldestRaw = raw.ExecuteScalar<long>("SELECT min(at) FROM points;");
        var oldest5 = raw.ExecuteScalar<long>("SELECT min(at) FROM rollups WHERE tier = 1;");
        Assert.InRange(now - oldestRaw, TimeSpan.FromHours(23).TotalMilliseconds, TimeSpan.FromHours(25).TotalMilliseconds);
        Assert.InRange(now - oldest5, TimeSpan.FromHours(47).TotalMilliseconds, TimeSpan.FromHours(49).TotalMilliseconds);
        Assert.True(raw.ExecuteScalar<long>("SELECT min(at) FROM rollups WHERE tier = 2;") <= Some.Now.ToUnixTimeMilliseconds());
        output.WriteLine($"{written} polls; raw {raw.ExecuteScalar<long>("SELECT count(*) FROM points;")} rows, 5m {raw.ExecuteScalar<long>("SELECT count(*) FROM rollups WHERE tier = 1;")}, 1h {raw.ExecuteScalar<long>("SELECT count(*) FROM rollups WHERE tier = 2;")}");
    }

    [Fact]
    public async Task ReadAsync_HourTierOverFourDays_ReachesTheLatestPollAndKeepsTheHighest()
    {
        var maintenance = new SqliteStorageMaintenance(_db.Database, Short, TextCatalog.English, _db.Time);
        await PollAsync(["web-1"], TimeSpan.FromDays(4), maintenance);
        var reader = new SqliteSeriesReader(_db.Database);
        var since = _db.Time.GetUtcNow().AddDays(-30);

        var points = await reader.ReadAsync("web-1", MetricNames.CpuBusyPct, since, SampleTier.Hour, default);
        var latest = Assert.Single(await _db.Monitor.FleetAsync(default)).Latest!;

        Assert.Equal(latest.At, points[^1].At);
        Assert.Equal(latest.Values[MetricNames.CpuBusyPct], points[^1].Value);
        Assert.Equal(99, points.Max(p => p.Value)); // the one spike of the four days survives the hourly rollup
        Assert.True(points.Zip(points.Skip(1)).All(p => p.First.At <= p.Second.At));
        Assert.InRange(points.Count, 3 * 80, 3 * 120); // about 3 points an hour, not 2 a minute
    }

    [Fact]
    public async Task StepAsync_OverTheBudget_DropsTheOldestRollupsAndSaysSoOnce()
    {
        var maintenance = new SqliteStorageMaintenance(_db.Database, Short, TextCatalog.English, _db.Time);
        await PollAsync(["web-1"], TimeSpan.FromDays(3), maintenance);
        using var raw = _db.Raw();
        var hoursBefore = raw.ExecuteScalar<long>("SELECT count(*) FROM rollups WHERE tier = 2;");
        raw.Execute("INSERT INTO audit (at, who, action, what) VALUES (1, 'ops', 'mute', 'web-1');");
        var outboxBefore = raw.ExecuteScalar<long>("SELECT count(*) FROM outbox;");

        var tight = new SqliteStorageMaintenance(_db.Database, Short with { MaxBytes = 4096 }, TextCatalog.English, _db.Time);
        await tight.RunUntilIdleAsync(default);
        await tight.RunUntilIdleAsync(default);

        Assert.Equal(0, raw.ExecuteScalar<long>("SELECT count(*) FROM rollups;"));
        Assert.True(hoursBefore > 0);
        Assert.True(raw.ExecuteScalar<long>("SELECT count(*) FROM points;") > 0); // raw rows go by age only
        Assert.Equal(1, raw.ExecuteScalar<long>("SELECT count(*) FROM audit;"));
        var notices = raw.Query<string>("SELECT html FROM outbox WHERE html LIKE '%Storage budget reached%';").ToList();
        Assert.Equal(outboxBefore + 1, raw.ExecuteScalar<long>("SELECT count(*) FROM outbox;"));
        Assert.Contains("hourly", Assert.Single(notices), StringComparison.Ordinal);
    }

    [Fact]
    public async Task StepAsync_FreshDatabaseBeforeItsFirstRollup_KeepsEveryRawPoll()
    {
        // A new install: no rollup mark yet. Maintenance runs after every poll, as the monitor's idle loop does, and
        // must not delete a raw row of the first minutes (it deleted them all: the unset mark wrapped to the future).
        var maintenance = new SqliteStorageMaintenance(_db.Database, RetentionOptions.Default, TextCatalog.English, _db.Time);
        var store = _db.Monitor;
        await store.UpsertNodeAsync(Some.Node("web-1"), default);
        var start = _db.Time.GetUtcNow();
        for (var i = 0; i < 20; i++)
        {
            var at = start.AddSeconds(30 * i);
            _db.Time.SetUtcNow(at);
            await store.CommitPollAsync("web-1", new PollDecision(Some.Sample("web-1", at), [], []), at, default);
            await maintenance.RunUntilIdleAsync(default);
        }

        using var raw = _db.Raw();
        Assert.Equal(20, raw.ExecuteScalar<long>("SELECT count(*) FROM points;"));
        Assert.Equal(start.ToUnixTimeMilliseconds(), raw.ExecuteScalar<long>("SELECT min(at) FROM points;"));
        Assert.True(raw.ExecuteScalar<long>("SELECT count(*) FROM rollups WHERE tier = 1;") > 0); // 10 minutes in, the first bucket is rolled up
    }

    /// <summary>Polls every 30 s for <paramref name="span"/>, running maintenance as each simulated hour ends; returns the polls written.</summary>
    private async Task<long> PollAsync(string[] nodes, TimeSpan span, SqliteStorageMaintenance maintenance)
    {
        var store = _db.Monitor;
        foreach (var node in nodes)
        {
            await store.UpsertNodeAsync(Some.Node(node), default);
        }

        var start = Some.Now;
        long written = 0;
        for (var hour = 0; hour < span.TotalHours; hour++)
        {
            var tasks = new List<Task>();
            for (var i = 0; i < 120; i++)
            {
                var at = start.AddHours(hour).AddSeconds(30 * i);
                var index = (hour * 120) + i;
                foreach (var node in nodes)
                {
                    var sample = Some.Sample(node, at, load: Math.Round(0.01 * (index % 300), 2));
                    var values = new Dictionary<string, double>(sample.Values) { [MetricNames.CpuBusyPct] = index == 3_000 ? 99 : 10 + (index % 40) };
                    tasks.Add(store.CommitPollAsync(node, new PollDecision(sample with { Values = values }, [], []), at, default));
                    written++;
                }
            }

            await Task.WhenAll(tasks);
            _db.Time.SetUtcNow(start.AddHours(hour + 1));
            await maintenance.RunUntilIdleAsync(default);
        }

        return written;
    }
}
