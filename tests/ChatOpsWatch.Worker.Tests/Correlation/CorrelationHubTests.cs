using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Domain.Correlation;
using ChatOpsWatch.Domain.Engine.Policy;
using ChatOpsWatch.Domain.Nodes;
using ChatOpsWatch.Domain.Text;
using ChatOpsWatch.Infrastructure.Storage;
using ChatOpsWatch.Worker.Configuration;
using ChatOpsWatch.Worker.Correlation;
using ChatOpsWatch.Worker.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace ChatOpsWatch.Worker.Tests.Correlation;

/// <summary>The hub over a real SQLite file, with a fake clock: what it commits is what a restarted monitor resumes.</summary>
public sealed class CorrelationHubTests : IDisposable
{
    private static readonly NodeConfig[] Nodes =
    [
        .. Enumerable.Range(1, 3).Select(i => new NodeConfig(new NodeInfo($"tokyo-{i}", "acme", "tokyo", NodeRole.Core, TimeSpan.FromSeconds(30)), null)),
    ];

    private readonly string _dir = Directory.CreateTempSubdirectory("cow-hub-").FullName;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero));

    private string DbPath => Path.Combine(_dir, "watch.db");

    private readonly List<HubRig> _rigs = [];

    private (CorrelationHub Hub, SqliteDatabase Db) StartMonitor()
    {
        var db = SqliteDatabase.Open(DbPath, _time);
        var rig = new HubRig(db, Nodes, _time);
        _rigs.Add(rig);
        return (rig.Hub, db);
    }

    private List<string> Outbox() => HubRig.Outbox(DbPath);

    private static NodeReport Report(NodeConfig n, bool down) => new(n.Info, down, down ? 2 : 0, down ? "connect refused" : null);

    [Fact]
    public async Task ObserveAsync_OutageSpansARestart_OneOutageAndOneResolutionInTheOutbox()
    {
        var (first, db1) = StartMonitor();
        foreach (var n in Nodes)
        {
            await first.ObserveAsync(Report(n, down: true), CancellationToken.None);
        }

        _time.Advance(TimeSpan.FromMinutes(2));
        await first.TickAsync(CancellationToken.None);
        first.Dispose();
        db1.Dispose();

        var (second, db2) = StartMonitor();
        await second.TickAsync(CancellationToken.None);        // nothing polled yet: nothing said
        await second.ObserveAsync(Report(Nodes[0], down: true), CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(5));
        foreach (var n in Nodes)
        {
            await second.ObserveAsync(Report(n, down: false), CancellationToken.None);
        }

        second.Dispose();
        db2.Dispose();
        var sent = Outbox();
        Assert.Equal(2, sent.Count);
        Assert.Contains("region <b>tokyo</b>: 3 of 3 nodes unreachable", sent[0], StringComparison.Ordinal);
        Assert.Contains("all 3 reachable again after 7 min", sent[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task ObserveAsync_DownBeforeItsNeighboursWerePolled_HeldThenReleasedAfterTheHold()
    {
        var (hub, db) = StartMonitor();
        using (db)
        using (hub)
        {
            await hub.ObserveAsync(Report(Nodes[0], down: true), CancellationToken.None); // tokyo-2 and -3 not polled yet
            _time.Advance(TimeSpan.FromSeconds(29));
            await hub.TickAsync(CancellationToken.None);
            Assert.Empty(Outbox());

            _time.Advance(TimeSpan.FromSeconds(1));
            await hub.TickAsync(CancellationToken.None);
        }

        Assert.Contains("CRITICAL · <b>tokyo-1</b>", Assert.Single(Outbox()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ObserveAsync_LoneDownWhileItsNeighboursAnswer_SentAtOnceAsAnIncident()
    {
        var (hub, db) = StartMonitor();
        using (db)
        using (hub)
        {
            await hub.ObserveAsync(Report(Nodes[1], down: false), CancellationToken.None);
            await hub.ObserveAsync(Report(Nodes[2], down: false), CancellationToken.None);
            await hub.ObserveAsync(Report(Nodes[0], down: true), CancellationToken.None);
            Assert.Empty(Outbox());                                   // settling: a neighbour failing too would show now
            _time.Advance(CorrelationOptions.DefaultSettle);
            await hub.TickAsync(CancellationToken.None);
            Assert.Contains("CRITICAL · <b>tokyo-1</b>", Assert.Single(Outbox()), StringComparison.Ordinal);

            _time.Advance(TimeSpan.FromMinutes(3));
            await hub.ObserveAsync(Report(Nodes[0], down: false), CancellationToken.None);
        }

        // Never delivered here, so the edit to resolved rewrote the waiting send; then the loud reply.
        var sent = Outbox();
        Assert.Equal(2, sent.Count);
        Assert.Contains("RESOLVED · <b>tokyo-1</b>", sent[0], StringComparison.Ordinal);
        Assert.Contains("RESOLVED · <b>tokyo-1</b>", sent[1], StringComparison.Ordinal);
        Assert.Contains("after 3 min", sent[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task ObserveAsync_NodeMuted_ItsDownAndReturnAreHeldBackButItsStateMoves()
    {
        var (hub, db) = StartMonitor();
        using (db)
        using (hub)
        {
            var now = _time.GetUtcNow();
            var silence = new Silence("", [new Matcher("node", "tokyo-1")], now, now.AddHours(1), "@ops (1)", "planned reboot");
            await new SqliteMutingStore(db).RecordAsync(new MutingChange.Mute(silence), CancellationToken.None);
            await hub.ObserveAsync(Report(Nodes[1], down: false), CancellationToken.None);
            await hub.ObserveAsync(Report(Nodes[2], down: false), CancellationToken.None);
            await hub.ObserveAsync(Report(Nodes[0], down: true), CancellationToken.None);
            _time.Advance(CorrelationOptions.DefaultSettle);
            await hub.TickAsync(CancellationToken.None);
            Assert.Equal(DownStatus.Sent, hub.State!.Down["tokyo-1"].Status);

            _time.Advance(TimeSpan.FromMinutes(3));
            await hub.ObserveAsync(Report(Nodes[0], down: false), CancellationToken.None);
            Assert.Empty(hub.State!.Down);
        }

        Assert.Empty(Outbox());
    }

    [Fact]
    public void Withhold_ReachabilityFiredWithAHostKeyAlert_OnlyTheReachabilityMessageIsTakenOut()
    {
        var node = Nodes[0];
        var now = _time.GetUtcNow();
        var reach = new AlertTransition(
            AlertState.Initial(node.Name, ReachabilityEvaluator.RuleId, ReachabilityEvaluator.Series, now),
            AlertState.Initial(node.Name, ReachabilityEvaluator.RuleId, ReachabilityEvaluator.Series, now) with { Severity = Severity.Critical, CriticalStreak = 2 },
            NotifyReason.Fired);
        var probe = new AlertTransition(
            AlertState.Initial(node.Name, "probe", "probe.output", now),
            AlertState.Initial(node.Name, "probe", "probe.output", now) with { Severity = Severity.Warning },
            NotifyReason.Fired);
        var outcome = new PollOutcome.Failed(now, "refused");
        var health = new PollDecision(null, [reach, probe], [AlertText.For(node.Info, reach, outcome, TextCatalog.English), AlertText.For(node.Info, probe, outcome, TextCatalog.English)]);

        var withheld = ReachabilityRelay.Withhold(health);

        Assert.Equal(2, withheld.Transitions.Count);                // both states are still committed
        var kept = Assert.Single(withheld.Messages);
        Assert.Contains("probe output unreadable", kept.Html, StringComparison.Ordinal);
        Assert.Same(health.Messages[1], kept);                      // the message the Domain rendered, not a second rendering
    }

    public void Dispose()
    {
        _rigs.ForEach(r => r.Dispose());
        Directory.Delete(_dir, recursive: true);
    }
}
