using ChatOpsWatch.Domain.Text;
using System.Diagnostics;
using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Domain.Engine;
using ChatOpsWatch.Domain.Engine.Live;
using ChatOpsWatch.Domain.Samples;
using ChatOpsWatch.Infrastructure.Storage;
using Dapper;
using Xunit.Abstractions;

namespace ChatOpsWatch.Infrastructure.Tests.Storage;

public sealed class SqliteEngineStateTests(ITestOutputHelper output) : IDisposable
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly TestDb _db = new();

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task CommitPollAsync_FiringRuleThenRestart_DoesNotFireAgainAndResolvesOnce()
    {
        await _db.Monitor.UpsertNodeAsync(Some.Node(), None);
        var fired = await PollAsync(new LiveEngine { Texts = TextCatalog.English }, 0, disk: 97);
        Assert.Contains("CRITICAL", Assert.Single(fired).Html, StringComparison.Ordinal);

        _db.Reopen(); // a restarted process: only what was committed survives
        var engine = new LiveEngine { Texts = TextCatalog.English };
        engine.Restore(await _db.Monitor.LoadEngineStatesAsync("tokyo-1", None), MonitorSettings.Default);

        Assert.Empty(await PollAsync(engine, 1, disk: 97));
        var resolved = Assert.Single(await PollAsync(engine, 2, disk: 40));
        Assert.Contains("RESOLVED", resolved.Html, StringComparison.Ordinal);
        Assert.Empty(await PollAsync(engine, 3, disk: 40));
        var outbox = _db.Raw().Query<string>("SELECT html FROM outbox ORDER BY id;").ToList();
        Assert.Equal(2, outbox.Count);
    }

    [Fact]
    public async Task LoadEngineStatesAsync_AfterCommit_ReturnsEveryStateFieldAndTheLedger()
    {
        await _db.Monitor.UpsertNodeAsync(Some.Node(), None);
        var engine = new LiveEngine { Texts = TextCatalog.English };
        await PollAsync(engine, 0, disk: 97);
        await PollAsync(engine, 1, disk: 97);
        var committed = engine.Evaluate(Some.Node(), new PollOutcome.Failed(Some.Now.AddMinutes(2), "timeout"), MonitorSettings.Default, new Dictionary<string, AlertState>());
        await _db.Monitor.CommitPollAsync("tokyo-1", new PollDecision(null, [], [], committed.Changed), Some.Now, None);

        var loaded = (await _db.Monitor.LoadEngineStatesAsync("tokyo-1", None)).ToDictionary(a => a.Key);

        foreach (var alert in committed.Changed)
        {
            Assert.Equal(alert with { UpdatedAt = loaded[alert.Key].UpdatedAt }, loaded[alert.Key]);
        }

        var disk = committed.Changed.Single(a => a.RuleId == "disk");
        Assert.Equal(RulePhase.Unknown, disk.State.Phase);
        Assert.True(disk.Ledger.Sent);
    }

    [Fact]
    public async Task ReplaySamplesAsync_SevenDaysEvery30Seconds_StreamsThemInOrderIntoTheEngine()
    {
        await _db.Monitor.UpsertNodeAsync(Some.Node(), None);
        var start = Some.Now.AddDays(-7);
        const int count = 7 * 24 * 120;
        using (var raw = _db.Raw())
        using (var tx = raw.BeginTransaction())
        {
            for (var i = 0; i < count; i++)
            {
                // A probe-shaped row (about 20 metrics) with CPU, memory and two disks moving.
                var values = new Dictionary<string, double>(Some.Sample("tokyo-1", start).Values)
                {
                    ["cpu.busy_pct"] = 20 + (i % 7),
                    ["mem.used_pct"] = 41.5 + (i % 3),
                    ["disk.used_pct{kind=data,mount=/data}"] = 50 + (i / 10000.0),
                };
                var metrics = MetricsJson.Write(values);
                raw.Execute("INSERT INTO samples (node, at, metrics) VALUES ('tokyo-1', @at, @metrics);", new { at = start.AddSeconds(30 * i).ToUnixTimeMilliseconds(), metrics }, tx);
            }

            tx.Commit();
            SqliteLegacySamples.ConvertAll(raw, new Infrastructure.Storage.Compact.SeriesDictionary());
        }

        var engine = new LiveEngine { Texts = TextCatalog.English };
        var last = DateTimeOffset.MinValue;
        var watch = Stopwatch.StartNew();
        var replayed = await _db.Monitor.ReplaySamplesAsync("tokyo-1", start, s =>
        {
            Assert.True(s.At > last);
            last = s.At;
            engine.Learn(s, MonitorSettings.Default);
        }, None);
        output.WriteLine($"replayed {replayed} samples (1 node x 7 days x 30 s, ~20 metrics each) into {engine.Series} rule series in {watch.ElapsedMilliseconds} ms");

        Assert.Equal(count, replayed);
        // Every series of the probe-shaped row got its live rules: cpu and memory threshold + baseline + info shift, the
        // two disks threshold + forecast each; no other series has a live rule.
        var keys = Some.Sample("tokyo-1", start).Values.Keys.Append("mem.used_pct").Distinct(StringComparer.Ordinal);
        Assert.Equal(keys.Sum(k => LiveRule.For(k, MonitorSettings.Default).Count), engine.Series);
        Assert.Equal(10, engine.Series);
    }

    private async Task<IReadOnlyList<Domain.Notifications.OutboxMessage>> PollAsync(LiveEngine engine, int minute, double disk)
    {
        var at = Some.Now.AddMinutes(minute);
        var sample = new Sample("tokyo-1", at, new Dictionary<string, double> { [MetricNames.DiskUsed(DiskKind.Data, "/data")] = disk });
        var decision = engine.Evaluate(Some.Node(), new PollOutcome.Succeeded(sample), MonitorSettings.Default, new Dictionary<string, AlertState>());
        await _db.Monitor.CommitPollAsync("tokyo-1", new PollDecision(sample, decision.Projections, decision.Messages, decision.Changed), at, None);
        engine.Apply(decision.Changed);
        return decision.Messages;
    }
}
