using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Domain.Engine.Policy;
using ChatOpsWatch.Domain.Ports;
using ChatOpsWatch.Domain.Samples;
using ChatOpsWatch.Testing.Storage;
using Microsoft.Extensions.Time.Testing;

namespace ChatOpsWatch.Infrastructure.Tests.Storage.Contracts;

/// <summary>What the offline reports (baseline, noise) rely on of every <see cref="IHistoryReader"/>: what the monitor wrote, read back.</summary>
public sealed class HistoryReaderContractTests
{
    private readonly FakeTimeProvider _time = new(Some.Now);

    public static IEnumerable<object[]> Providers => StorageProviders.Names;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Replay_TwoNodes_VisitsEachNodesSamplesInTimeOrderFromSince(string provider)
    {
        await using var store = await StorageProviders.OpenAsync(provider, _time);
        var monitor = store.Port<IMonitorStore>();
        foreach (var name in new[] { "web-2", "web-1" })
        {
            await monitor.UpsertNodeAsync(Some.Node(name), default);
            for (var i = 0; i < 4; i++)
            {
                var at = Some.Now.AddMinutes(i);
                await monitor.CommitPollAsync(name, new PollDecision(Some.Sample(name, at, load: i), [], []), at, default);
            }
        }

        var history = store.Port<IHistoryReader>();
        var all = new List<Sample>();
        var visited = history.Replay(null, Some.Now.AddMinutes(1), all.Add, default);
        var one = new List<Sample>();
        history.Replay("web-2", Some.Now, one.Add, default);

        Assert.Equal(["web-1", "web-2"], history.Nodes().Select(n => n.Name));
        Assert.Equal(Some.Node("web-1"), history.Nodes()[0]);
        Assert.Equal(6, visited);
        Assert.Equal(6, history.CountSamples(null, Some.Now.AddMinutes(1)));
        Assert.Equal(["web-1", "web-1", "web-1", "web-2", "web-2", "web-2"], all.Select(s => s.Node));
        Assert.Equal([1.0, 2, 3, 1, 2, 3], all.Select(s => s.Values["load.1m"]));
        Assert.Equal(4, one.Count);
        Assert.Equal(4, history.CountSamples("web-2", Some.Now));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task SilencesAndAcks_RecordedByTheMonitor_ReadBackWithAnEarlyRemovalAsTheEnd(string provider)
    {
        await using var store = await StorageProviders.OpenAsync(provider, _time);
        var muting = store.Port<IMutingStore>();
        await muting.RecordAsync(new MutingChange.Mute(new Silence("", [new Matcher("node", "web-1")], Some.Now, Some.Now.AddHours(2), "@alice (42)", "deploy")), default);
        await muting.RecordAsync(new MutingChange.Unmute("web-1", "@bob (7)", Some.Now.AddMinutes(30)), default);
        var ack = new Acknowledgement("web-1", "cpu", Some.Now.AddMinutes(-10), "@alice (42)", Some.Now.AddMinutes(5));
        await muting.RecordAsync(new MutingChange.Ack([ack], ack.By, ack.At), default);

        var history = store.Port<IHistoryReader>();
        var silence = Assert.Single(history.Silences(Some.Now.AddMinutes(-1)));

        Assert.Equal(Some.Now.AddMinutes(30), silence.Expires);
        Assert.Equal(("@alice (42)", "deploy"), (silence.CreatedBy, silence.Comment));
        Assert.Empty(history.Silences(Some.Now.AddHours(1)));
        Assert.Equal([ack], history.Acks(Some.Now));
        Assert.Empty(history.Acks(Some.Now.AddMinutes(6)));
    }
}
