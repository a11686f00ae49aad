using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Domain.Samples;
using ChatOpsWatch.Domain.Storage;
using ChatOpsWatch.Infrastructure.Storage;
using ChatOpsWatch.Testing.Storage;
using Dapper;

namespace ChatOpsWatch.Infrastructure.Tests.Storage;

/// <summary>
/// Steps that spend their budget inside a unit of work (issue 14: a poll never waits more than 50 ms on maintenance):
/// a spent budget (zero) makes each step stop after its first row or statement, so a bucket of many nodes is rolled up
/// across steps with the node cursor, and retention deletes one statement a step, with every invariant holding after
/// every step.
/// </summary>
public sealed class SqliteMaintenanceSplitTests : IDisposable
{
    private static readonly string[] Nodes = ["web-1", "web-2", "web-3", "web-4"];

    /// <summary>After Some.Now (the fake clock's start), on an hour.</summary>
    private static readonly DateTimeOffset Start = new(2026, 3, 14, 10, 0, 0, TimeSpan.Zero);

    private readonly TestDb _db = new();

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task RollupStep_BudgetSpentInsideABucket_RollsItUpNodeByNodeWithEveryPollCountedOnce()
    {
        var written = await PollAsync(TimeSpan.FromHours(2));
        var spent = new MaintenanceBudget(TimeSpan.Zero, _db.Time, _db.Database.Turns);
        var now = UnixMs.Of(_db.Time.GetUtcNow());
        var (steps, cursors) = (0, 0);
        using var raw = _db.Raw();
        while (await SqliteRollups.StepAsync(_db.Database, SampleTier.FiveMinutes, now, spent, default) > 0)
        {
            steps++;
            Assert.Empty(StorageInvariants.Check(_db.Path, written));
            if (raw.ExecuteScalar<long?>("SELECT value FROM storage_marks WHERE name = 'rollup:1:node';") is not null)
            {
                cursors++;
                Assert.InRange(raw.ExecuteScalar<long>("SELECT count(*) FROM rollups WHERE tier = 1;") % Nodes.Length, 1, Nodes.Length - 1);
            }
        }

        var buckets = raw.ExecuteScalar<long>("SELECT count(DISTINCT at) FROM rollups WHERE tier = 1;");
        Assert.True(buckets >= 23, $"{buckets} buckets");
        Assert.Equal(buckets * Nodes.Length, raw.ExecuteScalar<long>("SELECT count(*) FROM rollups WHERE tier = 1;"));
        Assert.Equal(buckets * (Nodes.Length - 1), cursors); // each bucket stopped after each of its nodes but the last
        Assert.Equal((buckets * Nodes.Length) + 1, steps); // and one for the empty bucket after the last poll
        Assert.Null(raw.ExecuteScalar<long?>("SELECT value FROM storage_marks WHERE name = 'rollup:1:node';"));
    }

    [Fact]
    public async Task ReadAsync_BucketHalfRolledUp_ShowsEachNodesPollsOnce()
    {
        await PollAsync(TimeSpan.FromMinutes(15));
        var spent = new MaintenanceBudget(TimeSpan.Zero, _db.Time, _db.Database.Turns);
        var now = UnixMs.Of(_db.Time.GetUtcNow());
        await SqliteRollups.StepAsync(_db.Database, SampleTier.FiveMinutes, now, spent, default); // web-1's first bucket only
        var reader = new SqliteSeriesReader(_db.Database);
        var since = Start.AddHours(-1);

        var rolled = await reader.ReadAsync("web-1", MetricNames.CpuBusyPct, since, SampleTier.FiveMinutes, default);
        var waiting = await reader.ReadAsync("web-2", MetricNames.CpuBusyPct, since, SampleTier.FiveMinutes, default);

        // web-1: its first bucket as three points (min, max, last), then its raw polls after it; web-2: all raw.
        Assert.Equal(30, waiting.Count);
        Assert.Equal(3 + (30 - 10), rolled.Count);
        Assert.Equal(waiting[^1].At, rolled[^1].At);
        Assert.True(rolled.Zip(rolled.Skip(1)).All(p => p.First.At < p.Second.At));
    }

    [Fact]
    public async Task RetentionStep_BudgetSpent_DeletesOneStatementOfOneNodeAtATime()
    {
        var written = await PollAsync(TimeSpan.FromHours(4));
        var budget = new MaintenanceBudget(MaintenanceBudget.Default, _db.Time, _db.Database.Turns); // the fake clock stands still: never spent
        var now = UnixMs.Of(_db.Time.GetUtcNow());
        while (await SqliteRollups.StepAsync(_db.Database, SampleTier.FiveMinutes, now, budget, default) > 0)
        {
        }

        var keep = new RetentionOptions(TimeSpan.FromHours(1), TimeSpan.FromDays(35), TimeSpan.FromDays(400), null);
        var spent = new MaintenanceBudget(TimeSpan.Zero, _db.Time, _db.Database.Turns);
        using var raw = _db.Raw();
        var before = raw.ExecuteScalar<long>("SELECT count(*) FROM points;");
        var steps = 0;
        int deleted;
        while ((deleted = await SqliteRetention.StepAsync(_db.Database, SampleTier.Raw, keep, now, spent, default)) > 0)
        {
            steps++;
            Assert.InRange(deleted, 1, SqliteRetention.RowsPerStatement);
            Assert.Empty(StorageInvariants.Check(_db.Path, written));
        }

        var gone = before - raw.ExecuteScalar<long>("SELECT count(*) FROM points;");
        Assert.Equal(380 * Nodes.Length, gone); // every node's polls before now less an hour (3 h 10 min)
        Assert.Equal(Nodes.Length * 2, steps); // 380 rows a node: 200, then 180
    }

    [Fact]
    public async Task Spent_PollWaitsForTheTurn_IsSpentBeforeItsTime()
    {
        var turns = new WriteTurns(_db.Time);
        var budget = new MaintenanceBudget(MaintenanceBudget.Default, _db.Time, turns);
        var started = budget.Start();
        Task<WriteTurns.Turn> poll;
        using (await turns.MaintenanceAsync(default))
        {
            Assert.False(budget.Spent(started)); // the fake clock stands still
            poll = turns.PollAsync();
            Assert.True(budget.Spent(started));
        }

        using (await poll)
        {
            Assert.False(budget.Spent(started)); // the poll has its turn and waits no more
        }
    }

    /// <summary>Polls every node every 30 s for <paramref name="span"/> from <see cref="Start"/>; the clock ends 10 minutes later.</summary>
    private async Task<long> PollAsync(TimeSpan span)
    {
        var store = _db.Monitor;
        foreach (var node in Nodes)
        {
            await store.UpsertNodeAsync(Some.Node(node), default);
        }

        var start = Start;
        long written = 0;
        for (var i = 0; i < span.TotalSeconds / 30; i++)
        {
            var at = start.AddSeconds(30 * i);
            foreach (var node in Nodes)
            {
                await store.CommitPollAsync(node, new PollDecision(Some.Sample(node, at, load: i % 7), [], []), at, default);
                written++;
            }
        }

        _db.Time.SetUtcNow(start + span + TimeSpan.FromMinutes(10));
        return written;
    }
}
