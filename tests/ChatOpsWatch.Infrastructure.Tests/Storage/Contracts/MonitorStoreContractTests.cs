using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Domain.Ports;
using ChatOpsWatch.Domain.Samples;
using ChatOpsWatch.Testing.Storage;
using Microsoft.Extensions.Time.Testing;

namespace ChatOpsWatch.Infrastructure.Tests.Storage.Contracts;

/// <summary>What the poller and /status rely on of every <see cref="IMonitorStore"/>: a poll's commit, its samples back, the fleet.</summary>
public sealed class MonitorStoreContractTests
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly FakeTimeProvider _time = new(Some.Now);

    public static IEnumerable<object[]> Providers => StorageProviders.Names;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task CommitPollAsync_SampleAndMessages_BothStayAfterARestart_SamplesReplayOldestFirst(string provider)
    {
        await using var store = await StorageProviders.OpenAsync(provider, _time);
        var monitor = store.Port<IMonitorStore>();
        await monitor.UpsertNodeAsync(Some.Node("tokyo-1"), None);
        for (var i = 0; i < 3; i++)
        {
            var at = Some.Now.AddSeconds(30 * i);
            await monitor.CommitPollAsync("tokyo-1", new PollDecision(Some.Sample("tokyo-1", at, load: i), [], i == 2 ? [Some.Message(text: "load 2")] : []), at, None);
        }

        await store.RestartAsync();
        var replayed = new List<Sample>();
        var count = await store.Port<IMonitorStore>().ReplaySamplesAsync("tokyo-1", Some.Now.AddSeconds(30), replayed.Add, None);

        Assert.Equal(2, count);
        Assert.Equal([Some.Now.AddSeconds(30), Some.Now.AddSeconds(60)], replayed.Select(s => s.At));
        Assert.Equal(Some.Sample("tokyo-1", Some.Now.AddSeconds(60), load: 2).Values, replayed[1].Values);
        Assert.Equal("load 2", Assert.Single(await store.Port<IOutbox>().DueAsync(Some.Now.AddHours(1), 10, None)).Message.Html);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task CommitPollAsync_UnregisteredNode_ThrowsStorageExceptionThatSaysSo(string provider)
    {
        await using var store = await StorageProviders.OpenAsync(provider, _time);
        var decision = new PollDecision(Some.Sample("ghost", Some.Now), [], [Some.Message()]);

        var ex = await Assert.ThrowsAsync<StorageException>(() => store.Port<IMonitorStore>().CommitPollAsync("ghost", decision, Some.Now, None));

        Assert.Contains("not registered", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, await store.Port<IOutbox>().BacklogAsync(None));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task CommitPollAsync_SampleOfAnotherNode_ThrowsArgumentExceptionAndWritesNothing(string provider)
    {
        await using var store = await StorageProviders.OpenAsync(provider, _time);
        var monitor = store.Port<IMonitorStore>();
        await monitor.UpsertNodeAsync(Some.Node("tokyo-1"), None);
        var decision = new PollDecision(Some.Sample("osaka-1", Some.Now), [], [Some.Message()]);

        await Assert.ThrowsAsync<ArgumentException>(() => monitor.CommitPollAsync("tokyo-1", decision, Some.Now, None));

        Assert.Equal(0, await store.Port<IOutbox>().BacklogAsync(None));
        Assert.Equal(0, await monitor.ReplaySamplesAsync("tokyo-1", Some.Now.AddDays(-1), _ => { }, None));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task RetireNodeAsync_RemovedNode_LeavesTheFleetUntilRegisteredAgainAndKeepsItsHistory(string provider)
    {
        await using var store = await StorageProviders.OpenAsync(provider, _time);
        var monitor = store.Port<IMonitorStore>();
        await monitor.UpsertNodeAsync(Some.Node("tokyo-1"), None);
        await monitor.UpsertNodeAsync(Some.Node("osaka-1"), None);
        await monitor.CommitPollAsync("tokyo-1", new PollDecision(Some.Sample("tokyo-1", Some.Now), [], []), Some.Now, None);

        await monitor.RetireNodeAsync("tokyo-1", None);
        var withoutIt = await monitor.FleetAsync(None);
        await monitor.UpsertNodeAsync(Some.Node("tokyo-1"), None);
        var withIt = await monitor.FleetAsync(None);

        Assert.Equal(["osaka-1"], withoutIt.Select(n => n.Node.Name));
        Assert.Equal(["osaka-1", "tokyo-1"], withIt.Select(n => n.Node.Name));
        Assert.Null(withIt[0].Latest);
        Assert.Equal(Some.Sample("tokyo-1", Some.Now).Values, withIt[1].Latest!.Values);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task FleetAsync_SeveralPolls_GivesTheLatestSampleWithOddValuesIntact(string provider)
    {
        await using var store = await StorageProviders.OpenAsync(provider, _time);
        var monitor = store.Port<IMonitorStore>();
        await monitor.UpsertNodeAsync(Some.Node("osaka-1"), None);
        var newest = Some.Sample("osaka-1", Some.Now) with
        {
            Values = new Dictionary<string, double> { ["cpu.busy_pct"] = 0.1 + 0.2, ["odd"] = double.NaN, ["big"] = double.MaxValue },
        };
        await monitor.CommitPollAsync("osaka-1", new PollDecision(newest, [], []), Some.Now, None);
        await monitor.CommitPollAsync("osaka-1", new PollDecision(Some.Sample("osaka-1", Some.Now.AddMinutes(-1)), [], []), Some.Now, None);

        var latest = Assert.Single(await monitor.FleetAsync(None)).Latest!;

        Assert.Equal(newest.At, latest.At);
        Assert.Equal(newest.Values, latest.Values);
    }
}
