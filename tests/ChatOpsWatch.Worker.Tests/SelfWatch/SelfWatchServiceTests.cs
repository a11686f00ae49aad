using ChatOpsWatch.Domain.Nodes;
using ChatOpsWatch.Domain.Ports;
using ChatOpsWatch.Domain.Text;
using ChatOpsWatch.Infrastructure.Delivery;
using ChatOpsWatch.Infrastructure.Storage;
using ChatOpsWatch.Worker.Configuration;
using ChatOpsWatch.Worker.Polling;
using ChatOpsWatch.Worker.SelfWatch;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace ChatOpsWatch.Worker.Tests.SelfWatch;

/// <summary>"Monitoring stalled" on a fake clock, against a real SQLite outbox, with the scheduler paused by its seam.</summary>
public sealed class SelfWatchServiceTests : IDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    private readonly string _dir = Directory.CreateTempSubdirectory("cow-selfwatch-").FullName;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 3, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Beat_SchedulerPausedThenResumed_RaisesStalledOnceAndResolvesOnce()
    {
        using var db = SqliteDatabase.Open(Path.Combine(_dir, "watch.db"), _time);
        var outbox = new SqliteOutbox(db, TextCatalog.English);
        using var registry = new NodeRegistry(new NoRunners());
        registry.Apply([new NodeConfig(new NodeInfo("web-1", "p", "r", NodeRole.Core, Interval), null)]);
        var pulse = new SchedulerPulse(_time);
        var self = new SelfWatchService(pulse, registry, new SqliteLivenessStore(db), new OutboxWriter(outbox, new OutboxSignal(_time), _time), new SelfWatchDeps(TextCatalog.English, _time, NullLogger<SelfWatchService>.Instance));

        // Each second: the scheduler fires every interval (a poll completes unless paused), and the watch beats.
        async Task RunAsync(int seconds)
        {
            for (var s = 0; s < seconds; s++)
            {
                _time.Advance(TimeSpan.FromSeconds(1));
                if (_time.GetUtcNow().ToUnixTimeSeconds() % 10 == 0)
                {
                    pulse.Fired();
                    if (!pulse.Paused)
                    {
                        pulse.Completed();
                    }
                }

                await self.BeatAsync(CancellationToken.None);
            }
        }

        await RunAsync(60);
        var healthy = await outbox.BacklogAsync(CancellationToken.None);
        pulse.Paused = true;
        await RunAsync(120);
        var whilePaused = await Texts(outbox);
        pulse.Paused = false;
        await RunAsync(60);
        var after = await Texts(outbox);

        Assert.Equal(0, healthy);
        Assert.Equal(["stalled"], whilePaused);
        Assert.Equal(["stalled", "resumed"], after);
        var (_, oldest) = await new SqliteLivenessStore(db).OutboxAsync(CancellationToken.None);
        Assert.NotNull(oldest); // the console has no dispatcher here: both notices wait in the outbox
    }

    private async Task<string[]> Texts(SqliteOutbox outbox) =>
        [.. (await outbox.DueAsync(_time.GetUtcNow(), 100, CancellationToken.None))
            .OrderBy(e => e.Id)
            .Select(e => e.Message.Html.Contains("Monitoring stalled", StringComparison.Ordinal) ? "stalled"
                : e.Message.Html.Contains("Monitoring resumed", StringComparison.Ordinal) ? "resumed" : e.Message.Html)];

    private sealed class NoRunners : IProbeRunnerFactory
    {
        public IProbeRunner Create(NodeConfig node) => new NeverRuns();
    }

    private sealed class NeverRuns : IProbeRunner
    {
        public Task<ProbeRun> RunAsync(CancellationToken ct) => throw new InvalidOperationException("not polled in this test");
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
