using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Domain.Nodes;
using ChatOpsWatch.Domain.Ports;
using ChatOpsWatch.Infrastructure.Storage;
using Dapper;

namespace ChatOpsWatch.Infrastructure.Tests.Storage;

public sealed class SqliteMonitorStoreTests : IDisposable
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly TestDb _db = new();

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task LoadAlertStatesAsync_AfterCommit_ReturnsEveryFieldKeyedByRuleAndSeries()
    {
        var store = _db.Monitor;
        await store.UpsertNodeAsync(Some.Node("tokyo-1"), None);
        var firing = Some.Firing("tokyo-1");
        var quiet = AlertState.Initial("tokyo-1", "load", "load.5m", Some.Now) with { WarningStreak = 1, LastValue = 3.25 };

        await store.CommitPollAsync("tokyo-1", new PollDecision(null, [Some.Move(firing), Some.Move(quiet)], []), Some.Now, None);
        var states = await store.LoadAlertStatesAsync("tokyo-1", None);

        Assert.Equal(2, states.Count);
        Assert.Equal(firing, states[AlertKey.Of(firing)]);
        Assert.Equal(quiet, states[AlertKey.Of(quiet)]);
    }

    [Fact]
    public async Task CommitPollAsync_StateMovesAgain_KeepsOnlyTheLatest()
    {
        var store = _db.Monitor;
        await store.UpsertNodeAsync(Some.Node("tokyo-1"), None);
        var firing = Some.Firing("tokyo-1");
        await store.CommitPollAsync("tokyo-1", new PollDecision(null, [Some.Move(firing)], []), Some.Now, None);
        var resolved = AlertState.Initial("tokyo-1", firing.RuleId, firing.Series, Some.Now.AddMinutes(1)) with { LastValue = 40 };

        await store.CommitPollAsync("tokyo-1", new PollDecision(null, [new AlertTransition(firing, resolved, NotifyReason.Resolved)], []), Some.Now, None);

        Assert.Equal(resolved, Assert.Single(await store.LoadAlertStatesAsync("tokyo-1", None)).Value);
    }

    [Fact]
    public async Task CommitPollAsync_MessageInsertFails_WritesNeitherSampleNorState()
    {
        var store = _db.Monitor;
        await store.UpsertNodeAsync(Some.Node("tokyo-1"), None);
        using (var raw = _db.Raw())
        {
            raw.Execute("CREATE TRIGGER outbox_refuses BEFORE INSERT ON outbox BEGIN SELECT RAISE(ABORT, 'refused by the test'); END;");
        }

        var decision = new PollDecision(Some.Sample("tokyo-1", Some.Now), [Some.Move(Some.Firing("tokyo-1"))], [Some.Message()]);
        var ex = await Assert.ThrowsAsync<StorageException>(() => store.CommitPollAsync("tokyo-1", decision, Some.Now, None));

        Assert.Contains(_db.Path, ex.Message, StringComparison.Ordinal);
        Assert.Contains("refused by the test", ex.Message, StringComparison.Ordinal);
        Assert.Empty(await store.LoadAlertStatesAsync("tokyo-1", None));
        Assert.Null(Assert.Single(await store.FleetAsync(None)).Latest);
        using var check = _db.Raw();
        Assert.Equal(0, check.ExecuteScalar<int>("SELECT COUNT(*) FROM sample_rows;"));
        Assert.Null(check.ExecuteScalar<long?>("SELECT last_seen FROM nodes;"));
    }

    [Fact]
    public async Task FleetAsync_SeveralNodes_GivesEachItsLatestSampleAndOnlyFiringAlerts()
    {
        var store = _db.Monitor;
        foreach (var name in new[] { "osaka-1", "tokyo-1", "edge-9" })
        {
            await store.UpsertNodeAsync(Some.Node(name, name.StartsWith("edge", StringComparison.Ordinal) ? NodeRole.Edge : NodeRole.Core), None);
        }

        for (var i = 0; i < 3; i++)
        {
            await store.CommitPollAsync("tokyo-1", new PollDecision(Some.Sample("tokyo-1", Some.Now.AddSeconds(30 * i), load: i), [], []), Some.Now, None);
        }

        var newest = Some.Sample("osaka-1", Some.Now) with
        {
            Values = new Dictionary<string, double> { ["cpu.busy_pct"] = 0.1 + 0.2, ["odd"] = double.NaN, ["big"] = double.MaxValue },
        };
        await store.CommitPollAsync("osaka-1", new PollDecision(newest, [], []), Some.Now, None);
        await store.CommitPollAsync("osaka-1", new PollDecision(Some.Sample("osaka-1", Some.Now.AddMinutes(-1)), [], []), Some.Now, None);
        var critical = Some.Firing("tokyo-1");
        var warning = Some.Firing("tokyo-1", "load", "load.5m", Severity.Warning);
        var resolved = AlertState.Initial("tokyo-1", "mem", "mem.available_pct", Some.Now);
        await store.CommitPollAsync("tokyo-1", new PollDecision(null, [Some.Move(warning), Some.Move(critical), Some.Move(resolved)], []), Some.Now, None);

        var fleet = await store.FleetAsync(None);

        Assert.Equal(["edge-9", "osaka-1", "tokyo-1"], fleet.Select(n => n.Node.Name));
        Assert.Equal(Some.Node("edge-9", NodeRole.Edge), fleet[0].Node);
        Assert.Null(fleet[0].Latest);
        Assert.Empty(fleet[0].Firing);
        Assert.Equal(newest.Values, fleet[1].Latest!.Values);
        Assert.Equal(newest.At, fleet[1].Latest!.At);
        Assert.Equal(Some.Sample("tokyo-1", Some.Now.AddSeconds(60), load: 2).Values, fleet[2].Latest!.Values);
        Assert.Equal([critical, warning], fleet[2].Firing);
    }

    [Fact]
    public async Task FleetAsync_Query_SeeksTheLatestSampleInsteadOfScanningSamples()
    {
        await _db.Monitor.UpsertNodeAsync(Some.Node(), None);
        using var raw = _db.Raw();

        var details = raw.Query("EXPLAIN QUERY PLAN " + FleetRow.Select).Select(r => (string)r.detail).ToList();

        // Schema v14: the samples are points keyed (node_id, at); the newest is one seek on that key per node.
        Assert.Contains(details, d => d.Contains("SEARCH p USING PRIMARY KEY (node_id=? AND at=?)", StringComparison.Ordinal));
        Assert.Contains(details, d => d.Contains("SEARCH points USING PRIMARY KEY (node_id=?)", StringComparison.Ordinal));
        Assert.DoesNotContain(details, d => d.StartsWith("SCAN points", StringComparison.Ordinal) || d.StartsWith("SCAN p", StringComparison.Ordinal));
    }

    [Fact]
    public async Task UpsertNodeAsync_ChangedTags_UpdatesTheNodeAndKeepsItsSamples()
    {
        var store = _db.Monitor;
        await store.UpsertNodeAsync(Some.Node("tokyo-1"), None);
        await store.CommitPollAsync("tokyo-1", new PollDecision(Some.Sample("tokyo-1", Some.Now), [], []), Some.Now, None);
        var moved = Some.Node("tokyo-1", NodeRole.Edge) with { Region = "hnd", Interval = TimeSpan.FromSeconds(90) };

        await store.UpsertNodeAsync(moved, None);

        var node = Assert.Single(await store.FleetAsync(None));
        Assert.Equal(moved, node.Node);
        Assert.NotNull(node.Latest);
    }

    [Fact]
    public async Task UpsertNodeAsync_InvalidName_ThrowsArgumentException()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => _db.Monitor.UpsertNodeAsync(Some.Node("bad name; drop"), None));
    }
}
