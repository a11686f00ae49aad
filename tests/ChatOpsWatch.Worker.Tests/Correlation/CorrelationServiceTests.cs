using ChatOpsWatch.Domain.Correlation;
using ChatOpsWatch.Domain.Nodes;
using ChatOpsWatch.Infrastructure.Storage;
using ChatOpsWatch.Worker.Configuration;
using ChatOpsWatch.Worker.Correlation;
using ChatOpsWatch.Worker.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace ChatOpsWatch.Worker.Tests.Correlation;

/// <summary>
/// The hub's ticking loop, over a real SQLite file and a fake clock that counts the waits it is asked for. Issue 10's
/// detection bench: a lone down held while the loop slept a canary interval went out only at the next poll (6 s later,
/// the confirming connect of a recheck), not after its 3 s settle.
/// </summary>
public sealed class CorrelationServiceTests : IDisposable
{
    private static readonly NodeConfig[] Nodes =
    [
        .. Enumerable.Range(1, 3).Select(i => new NodeConfig(new NodeInfo($"osaka-{i}", "acme", "osaka", NodeRole.Core, TimeSpan.FromSeconds(30)), null)),
    ];

    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private readonly string _dir = Directory.CreateTempSubdirectory("cow-corrsvc-").FullName;
    private readonly CountingTime _time = new();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task LoneDownHeldWhileTheLoopWaitsACanaryInterval_GoesOutAfterTheSettle()
    {
        var path = Path.Combine(_dir, "watch.db");
        using var db = SqliteDatabase.Open(path, _time);
        using var rig = new HubRig(db, Nodes, _time);
        var (hub, config) = (rig.Hub, rig.Config);
        await hub.ObserveAsync(new NodeReport(Nodes[1].Info, false, 0, null), CancellationToken.None);
        await hub.ObserveAsync(new NodeReport(Nodes[2].Info, false, 0, null), CancellationToken.None);
        Assert.True(CorrelationOptions.DefaultSettle < config.Current.Correlation.CanaryInterval);
        using var service = new CorrelationService(hub, new CanaryChecker(_time), config, _time, NullLogger<CorrelationService>.Instance);
        await service.StartAsync(CancellationToken.None);
        Assert.True(SpinWait.SpinUntil(() => _time.Timers >= 1, Wait), "the loop never waited");

        // Counted before the down is observed: the loop may wake and wait again before this thread reads the count.
        var armed = _time.Timers;
        await hub.ObserveAsync(new NodeReport(Nodes[0].Info, true, 1, "connect timed out"), CancellationToken.None);
        for (var waited = TimeSpan.Zero; waited < CorrelationOptions.DefaultSettle; waited += TimeSpan.FromSeconds(1))
        {
            var before = armed;
            Assert.True(SpinWait.SpinUntil(() => _time.Timers > before, Wait), $"the held down was not looked at {waited} after it was held");
            armed = _time.Timers;
            _time.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.True(SpinWait.SpinUntil(() => HubRig.Outbox(path).Count == 1, Wait), "the lone down did not go out after its settle");
        await service.StopAsync(CancellationToken.None);
        Assert.Contains("CRITICAL · <b>osaka-1</b>", HubRig.Outbox(path)[0], StringComparison.Ordinal);
    }

    /// <summary>A fake clock that counts the timers made on it: each is one wait of the loop (nothing else here waits on it).</summary>
    private sealed class CountingTime() : FakeTimeProvider(new DateTimeOffset(2026, 12, 2, 12, 0, 0, TimeSpan.Zero))
    {
        private int _timers;

        public int Timers => Volatile.Read(ref _timers);

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            Interlocked.Increment(ref _timers);
            return base.CreateTimer(callback, state, dueTime, period);
        }
    }
}
