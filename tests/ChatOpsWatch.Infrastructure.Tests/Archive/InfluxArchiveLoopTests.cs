using ChatOpsWatch.Domain.Text;
using ChatOpsWatch.Infrastructure.Archive;
using ChatOpsWatch.Infrastructure.Telemetry;
using ChatOpsWatch.Testing.Influx;
using Microsoft.Extensions.Logging;

namespace ChatOpsWatch.Infrastructure.Tests.Archive;

/// <summary>The send loop against a fake InfluxDB over real HTTP on 127.0.0.1, with a real SQLite spool and a fake clock.</summary>
public sealed class InfluxArchiveLoopTests : IAsyncLifetime
{
    private FakeInfluxServer _influx = null!;

    public Task InitializeAsync()
    {
        _influx = FakeInfluxServer.Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _influx.DisposeAsync();

    private InfluxOptions V1(int batch = 5000) => new(_influx.Url, InfluxApi.V1) { Database = "cow", RetentionPolicy = "autogen", BatchPoints = batch };

    [Fact]
    public async Task RunOnce_PollsUnderTheBatchSize_WaitForTheFlushAgeThenGoAsOneGzipBatch()
    {
        using var rig = new ArchiveRig(V1(), TextCatalog.English);
        await rig.AddNodeAsync("db-1");
        await rig.PollAsync("db-1");
        rig.Time.Advance(TimeSpan.FromSeconds(5));
        await rig.PollAsync("db-1");

        (int Second, int Requests)[] timeline = [(5, 0), (9, 0), (10, 1), (11, 1)];
        foreach (var (second, requests) in timeline)
        {
            rig.Time.SetUtcNow(Storage.Some.Now.AddSeconds(second));
            await rig.Loop.RunOnceAsync(CancellationToken.None);
            Assert.Equal(requests, _influx.Requests.Count);
        }

        var request = Assert.Single(_influx.Requests);
        Assert.Equal("/write?db=cow&rp=autogen&precision=ms", request.PathAndQuery);
        Assert.Equal("gzip", request.ContentEncoding);
        Assert.Null(request.Authorization);
        Assert.Equal(2 * 11, request.Lines.Count); // Some.Sample has 11 families and label sets
        Assert.Equal(0, (await rig.CountersAsync()).Rows);
        Assert.Equal(22, (await rig.CountersAsync()).Written);
    }

    [Fact]
    public async Task RunOnce_BacklogOverTheBatchSize_GoesInSpoolOrderInBatchesOfAtMostTheSize()
    {
        using var rig = new ArchiveRig(V1(batch: 25), TextCatalog.English);
        await rig.AddNodeAsync("db-1");
        await rig.AddNodeAsync("db-2");
        for (var i = 0; i < 6; i++)
        {
            await rig.PollAsync(i % 2 == 0 ? "db-1" : "db-2");
            rig.Time.Advance(TimeSpan.FromSeconds(1));
        }

        await rig.DrainAsync();

        Assert.All(_influx.Requests, r => Assert.InRange(r.Lines.Count, 1, 25));
        Assert.Equal(3, _influx.Requests.Count); // 66 points, 11 per poll: two polls (22) per batch of at most 25
        var times = _influx.Stored.Select(l => long.Parse(l[(l.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(66, times.Count);
        Assert.Equal(times.Order(), times);
    }

    [Fact]
    public async Task RunOnce_OneUnparsablePoint_IsLoggedWithItsTextAndDropped_TheRestOfTheBatchIsStored()
    {
        using var rig = new ArchiveRig(V1(), TextCatalog.English);
        await rig.AddNodeAsync("db-1");
        await rig.PollAsync("db-1");
        var bad = Assert.Single(_influx.Stored.Concat(await SpooledAsync(rig)), l => l.StartsWith("mem,", StringComparison.Ordinal));
        _influx.Answer = lines => lines.Contains(bad)
            ? (400, $$"""{"error":"partial write: unable to parse '{{bad}}': invalid field format dropped=0"}""")
            : null;
        rig.Time.Advance(TimeSpan.FromSeconds(10));
        var (written, dropped) = (SelfMetrics.ArchiveWritten.Value, SelfMetrics.ArchiveDropped.WithLabels("bad").Value);

        await rig.DrainAsync();

        // /metrics counts them too (process-wide counters: other tests may add to them meanwhile, never take away)
        Assert.InRange(SelfMetrics.ArchiveWritten.Value - written, 10, double.MaxValue);
        Assert.InRange(SelfMetrics.ArchiveDropped.WithLabels("bad").Value - dropped, 1, double.MaxValue);
        Assert.Equal(10, _influx.Stored.Count);
        Assert.DoesNotContain(bad, _influx.Stored);
        var warning = Assert.Single(rig.Log.At(LogLevel.Warning));
        Assert.Contains("point refused and dropped (HTTP 400: {\"error\":\"partial write: unable to parse", warning, StringComparison.Ordinal);
        Assert.EndsWith(bad, warning, StringComparison.Ordinal);
        var counters = await rig.CountersAsync();
        Assert.Equal((10L, 1L, 0L), (counters.Written, counters.DroppedBad, counters.Rows));
    }

    [Fact]
    public async Task RunOnce_CredentialsRefused_KeepsTheSpoolAndSaysWhichKeys_ThenSendsOnceTheyWork()
    {
        var options = new InfluxOptions(_influx.Url, InfluxApi.V2) { Org = "ops", Bucket = "cow", Token = "s3cret", FlushAge = TimeSpan.FromSeconds(1) };
        using var rig = new ArchiveRig(options, TextCatalog.English);
        await rig.AddNodeAsync("db-1");
        await rig.PollAsync("db-1");
        _influx.Answer = _ => (401, """{"code":"unauthorized","message":"unauthorized access"}""");
        rig.Time.Advance(TimeSpan.FromSeconds(1));

        await rig.Loop.RunOnceAsync(CancellationToken.None);

        Assert.Contains("credentials refused (HTTP 401: {\"code\":\"unauthorized\",\"message\":\"unauthorized access\"}); check Archive:Influx:TokenEnv/TokenFile", Assert.Single(rig.Log.At(LogLevel.Error)), StringComparison.Ordinal);
        Assert.Equal(1, (await rig.CountersAsync()).Rows);
        _influx.Answer = _ => null;
        await rig.DrainAsync();
        Assert.Equal(11, _influx.Stored.Count);
        Assert.All(_influx.Requests, r => Assert.Equal("/api/v2/write?org=ops&bucket=cow&precision=ms", r.PathAndQuery));
        Assert.All(_influx.Requests, r => Assert.Equal("Token s3cret", r.Authorization));
    }

    [Fact]
    public async Task RunOnce_ServerErrors_AreRetriedWithAGrowingJitteredBackoff_AndNothingIsLost()
    {
        using var rig = new ArchiveRig(V1() with { FlushAge = TimeSpan.FromSeconds(1), User = "cow", Password = "pw" }, TextCatalog.English);
        await rig.AddNodeAsync("db-1");
        await rig.PollAsync("db-1");
        var failures = 4;
        _influx.Answer = _ => Interlocked.Decrement(ref failures) >= 0 ? (503, """{"error":"timeout"}""") : null;
        rig.Time.Advance(TimeSpan.FromSeconds(1));
        var retried = SelfMetrics.ArchiveRetried.Value;

        var waits = new List<TimeSpan>();
        for (var i = 0; i < 4; i++)
        {
            waits.Add(await rig.Loop.RunOnceAsync(CancellationToken.None));
            await rig.Loop.RunOnceAsync(CancellationToken.None);
            Assert.Equal(i + 1, _influx.Requests.Count); // backing off: no request before the wait is over
            rig.Time.Advance(TimeSpan.FromSeconds(10)); // past any backoff of the first failures (1, 2, 4, 8 s ±25 %)
        }

        (double Low, double High)[] expected = [(0.75, 1.25), (1.5, 2.5), (3, 5), (6, 10)];
        Assert.All(waits.Zip(expected), p => Assert.InRange(p.First.TotalSeconds, p.Second.Low, p.Second.High));

        Assert.Equal(4, rig.Loop.Failures);
        Assert.Equal(4, _influx.Requests.Count);
        Assert.InRange(SelfMetrics.ArchiveRetried.Value - retried, 4, double.MaxValue);
        await rig.DrainAsync();
        Assert.Equal(11, _influx.Stored.Count);
        Assert.Equal(0, rig.Loop.Failures);
        Assert.Equal("Basic " + Convert.ToBase64String("cow:pw"u8.ToArray()), _influx.Requests[^1].Authorization);
        Assert.Equal(4, rig.Log.At(LogLevel.Warning).Count(m => m.Contains("HTTP 503", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Spool_AtItsBound_DropsNewPointsCountsThem_TellsTheChatOnce_AndOnceWhenItHasRoom()
    {
        // One poll of Some.Sample is about 1.1 KB of line protocol (11 points): the bound holds three polls.
        using var rig = new ArchiveRig(V1() with { MaxSpoolBytes = 4000, FlushAge = TimeSpan.FromSeconds(1) }, TextCatalog.Chinese);
        await rig.AddNodeAsync("db-1");
        _influx.Answer = _ => (503, """{"error":"hinted handoff queue not empty"}""");
        for (var i = 0; i < 6; i++)
        {
            await rig.PollAsync("db-1");
            rig.Time.Advance(TimeSpan.FromSeconds(30));
            await rig.Loop.RunOnceAsync(CancellationToken.None);
        }

        var counters = await rig.CountersAsync();
        Assert.Equal(3, counters.Rows);
        Assert.Equal(33, counters.DroppedFull);
        Assert.Equal(33, rig.Spool.DroppedInEpisode);
        Assert.Contains("InfluxDB archive spool full", Assert.Single(rig.SpoolLog.At(LogLevel.Warning)), StringComparison.Ordinal);
        var full = Assert.Single(await rig.OutboxTextsAsync());
        Assert.StartsWith("🗄️ <b>InfluxDB 归档缓冲区已满</b>：已达上限 0 MB", full, StringComparison.Ordinal);
        Assert.Contains("（HTTP 503，错误详情见监控日志）", full, StringComparison.Ordinal); // InfluxDB's English error stays in the log
        Assert.DoesNotContain("hinted", full, StringComparison.Ordinal);

        _influx.Answer = _ => null;
        await rig.DrainAsync();
        await rig.Loop.RunOnceAsync(CancellationToken.None);

        Assert.Equal(33, _influx.Stored.Count);
        var texts = await rig.OutboxTextsAsync();
        Assert.Equal(2, texts.Count);
        Assert.StartsWith("✅ <b>InfluxDB 归档缓冲区已恢复空间</b>：缓冲区满期间", texts[1], StringComparison.Ordinal);
        Assert.Contains("丢弃了 33 个数据点", texts[1], StringComparison.Ordinal);
        Assert.Contains(rig.Log.At(LogLevel.Warning), m => m.Contains("33 point(s) were dropped while it was full", StringComparison.Ordinal));
    }

    private static async Task<IReadOnlyList<string>> SpooledAsync(ArchiveRig rig) =>
        [.. (await rig.Spool.HeadAsync(10_000, CancellationToken.None)).SelectMany(r => r.Lines.Split('\n'))];
}
