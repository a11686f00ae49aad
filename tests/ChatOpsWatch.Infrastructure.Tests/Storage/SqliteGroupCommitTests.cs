using ChatOpsWatch.Domain.Text;
using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Domain.Ports;
using ChatOpsWatch.Infrastructure.Storage;
using Dapper;

namespace ChatOpsWatch.Infrastructure.Tests.Storage;

/// <summary>Group commit: the polls finished within one tick share a transaction, and each still stands or falls alone.</summary>
public sealed class SqliteGroupCommitTests : IDisposable
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(100);
    private readonly TestDb _db = new();

    public void Dispose() => _db.Dispose();

    private SqliteMonitorStore Store() => new(_db.Database, _db.Time, TextCatalog.English, commits: new SqliteCommitOptions(Tick));

    /// <summary>Moves the fake clock a tick at a time until the commits complete (the writer waits on that clock).</summary>
    private async Task AdvanceUntilAsync(Task done)
    {
        for (var i = 0; i < 200 && !done.IsCompleted; i++)
        {
            _db.Time.Advance(Tick);
            await Task.WhenAny(done, Task.Delay(10));
        }

        await done;
    }

    private long Count(string sql)
    {
        using var raw = _db.Raw();
        return raw.ExecuteScalar<long>(sql);
    }

    [Fact]
    public async Task CommitPollAsync_TwentyNodesWithinOneTick_OneTransactionStoresEveryPoll()
    {
        var store = Store();
        var nodes = Enumerable.Range(1, 20).Select(i => $"n{i}").ToList();
        foreach (var node in nodes)
        {
            await store.UpsertNodeAsync(Some.Node(node), None);
        }

        var commits = nodes.Select(n => store.CommitPollAsync(n, new PollDecision(Some.Sample(n, Some.Now), [], []), Some.Now, None)).ToList();
        Assert.DoesNotContain(commits, c => c.IsCompleted); // nothing is acknowledged before its transaction commits
        await AdvanceUntilAsync(Task.WhenAll(commits));

        Assert.Equal(1, store.CommitTransactions);
        Assert.Equal(20, Count("SELECT COUNT(*) FROM sample_rows"));
    }

    [Fact]
    public async Task CommitPollAsync_OnePollOfTheBatchFails_OnlyThatPollIsLostAndItsCallerHearsWhy()
    {
        var store = Store();
        await store.UpsertNodeAsync(Some.Node("tokyo-1"), None);
        var decision = new PollDecision(Some.Sample("tokyo-1", Some.Now), [Some.Move(Some.Firing("tokyo-1"))], [Some.Message()]);

        var good = store.CommitPollAsync("tokyo-1", decision, Some.Now, None);
        var unregistered = store.CommitPollAsync("ghost-1", new PollDecision(Some.Sample("ghost-1", Some.Now), [], []), Some.Now, None);
        await AdvanceUntilAsync(Task.WhenAny(Task.WhenAll(good, unregistered)));

        var ex = await Assert.ThrowsAsync<StorageException>(() => unregistered);
        Assert.Contains("ghost-1", ex.Message, StringComparison.Ordinal);
        Assert.Contains("not registered", ex.Message, StringComparison.Ordinal);
        await good;
        Assert.Equal(1, store.CommitTransactions);
        Assert.Equal(1, Count("SELECT COUNT(*) FROM sample_rows WHERE node = 'tokyo-1'"));
        Assert.Equal(0, Count("SELECT COUNT(*) FROM sample_rows WHERE node = 'ghost-1'"));
        Assert.Equal(1, Count("SELECT COUNT(*) FROM outbox"));
        Assert.Single(await store.LoadAlertStatesAsync("tokyo-1", None));
    }

    [Fact]
    public async Task CommitPollAsync_CancelledBeforeItsBatchIsWritten_WritesNothingAndIsCancelled()
    {
        var store = Store();
        await store.UpsertNodeAsync(Some.Node("tokyo-1"), None);
        using var cts = new CancellationTokenSource();

        var cancelled = store.CommitPollAsync("tokyo-1", new PollDecision(Some.Sample("tokyo-1", Some.Now), [], []), Some.Now, cts.Token);
        await cts.CancelAsync();
        await AdvanceUntilAsync(Task.WhenAny(cancelled));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        Assert.Equal(0, Count("SELECT COUNT(*) FROM sample_rows"));
    }

    [Fact]
    public async Task CommitPollAsync_NoTick_CommitsWithoutWaitingForTheClock()
    {
        var store = _db.Monitor;
        await store.UpsertNodeAsync(Some.Node("tokyo-1"), None);

        await store.CommitPollAsync("tokyo-1", new PollDecision(Some.Sample("tokyo-1", Some.Now), [], []), Some.Now, None);

        Assert.Equal(1, Count("SELECT COUNT(*) FROM sample_rows"));
    }
}
