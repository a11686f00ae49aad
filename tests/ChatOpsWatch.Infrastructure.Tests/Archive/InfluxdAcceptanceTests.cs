using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using ChatOpsWatch.Domain.Samples;
using ChatOpsWatch.Domain.Text;
using ChatOpsWatch.Infrastructure.Archive;
using ChatOpsWatch.Testing.Influx;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace ChatOpsWatch.Infrastructure.Tests.Archive;

/// <summary>
/// Issue 14's acceptance, against a real influxd 1.6.7 (Debian's influxdb) started by the test on free ports: the
/// archived points of a node equal its stored samples, and an outage of influxd loses nothing, repeats nothing, keeps
/// the order and does not slow the poll commits.
/// </summary>
public sealed class InfluxdAcceptanceTests(ITestOutputHelper output)
{
    private const string Db = "cow";

    [InfluxFact]
    public async Task Archive_RealInfluxd_ThePointsOfANodeEqualItsStoredSamples_HostileLabelsIncluded()
    {
        await using var influx = await InfluxServer.StartAsync();
        await influx.QueryAsync($"CREATE DATABASE {Db}");
        using var rig = new ArchiveRig(new InfluxOptions(influx.Url, InfluxApi.V1) { Database = Db, FlushAge = TimeSpan.FromSeconds(1), BatchPoints = 100 }, TextCatalog.English);
        await rig.AddNodeAsync("db-1");
        await rig.AddNodeAsync("edge-1", Domain.Nodes.NodeRole.Edge);
        for (var i = 0; i < 40; i++)
        {
            await rig.PollAsync("db-1", Hostile("db-1", rig.Time.GetUtcNow(), i));
            await rig.PollAsync("edge-1", Storage.Some.Sample("edge-1", rig.Time.GetUtcNow(), load: i / 7.0));
            rig.Time.Advance(TimeSpan.FromSeconds(30));
        }

        await rig.DrainAsync();

        var stored = await StoredAsync(rig, "db-1");
        var archived = await ArchivedAsync(influx, "db-1");
        output.WriteLine($"db-1: {stored.Count} stored values, {archived.Count} archived");
        Assert.Equal(40 * 7, stored.Count);
        Assert.Equal(stored.Order(), archived.Order());
        Assert.Contains(archived, p => p.Contains("mount=/mnt/my disk \"x\"\\y", StringComparison.Ordinal));
        Assert.Equal(40 * 20, (await StoredAsync(rig, "edge-1")).Count);
        Assert.Equal((await StoredAsync(rig, "edge-1")).Order(), (await ArchivedAsync(influx, "edge-1")).Order());
        Assert.All(await ArchivedAsync(influx, "edge-1"), p => Assert.Contains(",role=edge ", p, StringComparison.Ordinal));
        await ReadmeQueriesAnswerAsync(influx, Storage.Some.Now, rig.Time.GetUtcNow());
    }

    /// <summary>The README's Grafana queries, with Grafana's macros filled in as Grafana does, answer from the archive.</summary>
    private static async Task ReadmeQueriesAnswerAsync(InfluxServer influx, DateTimeOffset from, DateTimeOffset to)
    {
        var readme = await File.ReadAllTextAsync(Path.Combine(Testing.Lab.Repo.Root, "README.md"));
        var block = readme[(readme.IndexOf("```sql\n", StringComparison.Ordinal) + 7)..];
        var queries = block[..block.IndexOf("```", StringComparison.Ordinal)].Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
        var dotted = readme[readme.IndexOf("`SELECT max(\"io.queue\")", StringComparison.Ordinal)..];
        queries.Add(dotted[1..dotted.IndexOf('`', 1)]);
        Assert.Equal(3, queries.Count);
        var filter = $"time >= {from.ToUnixTimeMilliseconds()}ms AND time <= {to.ToUnixTimeMilliseconds()}ms";
        var answers = new List<string>();
        foreach (var query in queries)
        {
            using var doc = await influx.QueryAsync(query.Replace("$timeFilter", filter, StringComparison.Ordinal).Replace("$__interval", "5m", StringComparison.Ordinal), Db);
            var result = doc.RootElement.GetProperty("results")[0];
            Assert.False(result.TryGetProperty("error", out var error), $"{query}: {error}");
            answers.Add(string.Join(' ', result.GetProperty("series").EnumerateArray().Select(x => x.GetProperty("tags").ToString())));
        }

        Assert.Equal("""{"node":"db-1"}""", answers[0]); // edge-1 is no core node
        Assert.Equal("""{"mount":"/data","node":"edge-1"} {"mount":"/mnt/my disk \"x\"\\y","node":"db-1"}""", answers[1]);
        Assert.Equal("""{"device":"sda"}""", answers[2]);
    }

    /// <summary>
    /// influxd's own refusals: a field type conflict (mem.used_pct already stored as an integer) makes every mem point
    /// fail with 400 "partial write: field type conflict"; halving finds each one, which is logged and dropped, and every
    /// other point is stored once.
    /// </summary>
    [InfluxFact]
    public async Task Archive_RealInfluxdRefusesAConflictingField_OnlyThosePointsAreDroppedAndLogged()
    {
        await using var influx = await InfluxServer.StartAsync();
        await influx.QueryAsync($"CREATE DATABASE {Db}");
        using var http = new HttpClient();
        using var seed = await http.PostAsync(new Uri(influx.Url, $"/write?db={Db}&precision=ms"), new StringContent($"mem used_pct=1i {Storage.Some.Now.ToUnixTimeMilliseconds() - 1000}"));
        Assert.Equal(System.Net.HttpStatusCode.NoContent, seed.StatusCode);
        using var rig = new ArchiveRig(new InfluxOptions(influx.Url, InfluxApi.V1) { Database = Db, FlushAge = TimeSpan.FromSeconds(1) }, TextCatalog.English);
        await rig.AddNodeAsync("db-1");
        for (var i = 0; i < 8; i++)
        {
            await rig.PollAsync("db-1", Hostile("db-1", rig.Time.GetUtcNow(), i));
            rig.Time.Advance(TimeSpan.FromSeconds(30));
        }

        await rig.DrainAsync();

        var refused = rig.Log.At(LogLevel.Warning).Where(m => m.Contains("point refused and dropped (HTTP 400: {\"error\":\"partial write: field type conflict", StringComparison.Ordinal)).ToList();
        Assert.Equal(8, refused.Count);
        Assert.All(refused, m => Assert.Contains("mem,node=db-1,provider=vultr,region=nrt,role=core used_pct=63.25 ", m, StringComparison.Ordinal));
        var counters = await rig.CountersAsync();
        Assert.Equal((8L * 5, 8L, 0L), (counters.Written, counters.DroppedBad, counters.Rows)); // 6 lines a poll, mem refused
        var stored = (await StoredAsync(rig, "db-1")).Where(p => !p.StartsWith("mem ", StringComparison.Ordinal));
        Assert.Equal(stored.Order(), (await ArchivedAsync(influx, "db-1")).Order());
    }

    /// <summary>
    /// influxd is killed for 5 minutes of the archive's clock (a FakeTimeProvider: its backoff, its flush ages and the
    /// polls' times all run on it) while polls of three nodes keep being committed, every 10 s of that clock, through the
    /// real store; in real time the outage lasts as long as those 30 rounds take (about 10 s, a refused connection each
    /// retry). The loop runs as it does in the monitor, on its own task.
    /// </summary>
    [InfluxFact]
    public async Task Archive_InfluxdDownForFiveMinutesOfPolling_EveryPointArrivesOnceInOrder_AndNoPollCommitsLate()
    {
        await using var influx = await InfluxServer.StartAsync();
        await influx.QueryAsync($"CREATE DATABASE {Db}");
        var recorder = new RecordingHandler();
        var options = new InfluxOptions(influx.Url, InfluxApi.V1) { Database = Db, FlushAge = TimeSpan.FromSeconds(5), BatchPoints = 200, RetryCap = TimeSpan.FromSeconds(30) };
        using var rig = new ArchiveRig(options, TextCatalog.English, recorder);
        string[] nodes = ["db-1", "db-2", "edge-1"];
        foreach (var node in nodes)
        {
            await rig.AddNodeAsync(node);
        }

        using var stop = new CancellationTokenSource();
        await rig.Loop.StartAsync(stop.Token);
        var lateness = new List<TimeSpan>();
        var round = TimeSpan.FromMilliseconds(300);
        var clock = Stopwatch.StartNew();
        var rounds = 0;

        async Task PollRoundsAsync(int count)
        {
            for (var i = 0; i < count; i++, rounds++)
            {
                var due = round * rounds;
                if (due > clock.Elapsed)
                {
                    await Task.Delay(due - clock.Elapsed);
                }

                foreach (var node in nodes)
                {
                    await rig.PollAsync(node, Storage.Some.Sample(node, rig.Time.GetUtcNow(), load: rounds));
                }

                lateness.Add(clock.Elapsed - due);
                rig.Time.Advance(TimeSpan.FromSeconds(10));
            }
        }

        await PollRoundsAsync(6);
        await influx.StopAsync();
        var downAt = clock.Elapsed;
        var beforeOutage = lateness.Count;
        await PollRoundsAsync(30); // 5 minutes of polls at 10 s
        var downFor = clock.Elapsed - downAt;
        var duringOutage = lateness.Skip(beforeOutage).ToList();
        var failedWhileDown = recorder.Writes.Count(w => w.Status == 0);
        await influx.StartAgainAsync();
        await PollRoundsAsync(6);
        for (var i = 0; i < 600 && (await rig.CountersAsync()).Rows > 0; i++)
        {
            rig.Time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(20);
        }

        await stop.CancelAsync();
        await rig.Loop.StopAsync(CancellationToken.None);

        output.WriteLine($"influxd down {downFor.TotalSeconds:0.0} s real (5 min of the archive's clock); {failedWhileDown} refused writes while down; " +
            $"poll round lateness while down: max {duringOutage.Max().TotalMilliseconds:0} ms, median {duringOutage.Order().ElementAt(duringOutage.Count / 2).TotalMilliseconds:0} ms; " +
            $"{recorder.Writes.Count} writes, {recorder.Arrived.Count} points arrived");
        Assert.True(failedWhileDown > 0, "the loop tried while influxd was down");
        Assert.Contains(rig.Log.At(LogLevel.Warning), m => m.Contains("Connection refused", StringComparison.Ordinal));
        Assert.All(duringOutage, late => Assert.True(late < TimeSpan.FromSeconds(1), $"a poll round committed {late.TotalMilliseconds:0} ms late"));

        var expected = new List<string>();
        foreach (var node in nodes)
        {
            await rig.Store.ReplaySamplesAsync(node, DateTimeOffset.UnixEpoch, s => expected.AddRange(LineProtocol.Lines(new ArchiveNodeTags(node, "vultr", "nrt", "core"), s)), CancellationToken.None);
        }

        var arrived = recorder.Arrived;
        Assert.Equal(42 * 3 * 11, expected.Count);
        Assert.Equal(arrived.Count, arrived.Distinct().Count()); // once
        Assert.Equal(expected.Order(StringComparer.Ordinal), arrived.Order(StringComparer.Ordinal)); // every point
        var times = arrived.Select(l => long.Parse(l[(l.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(times.Order(), times); // in order
        foreach (var node in nodes)
        {
            Assert.Equal((await StoredAsync(rig, node)).Order(), (await ArchivedAsync(influx, node)).Order());
        }
    }

    /// <summary>A probe-shaped sample whose labels hold spaces, quotes and a backslash, values varying per poll.</summary>
    private static Sample Hostile(string node, DateTimeOffset at, int i) => new(node, at, new Dictionary<string, double>
    {
        ["cpu.busy_pct"] = 12.5 + i,
        ["cpu.iowait_pct"] = i / 3.0,
        ["mem.used_pct"] = 63.25,
        [MetricKey.Format("disk.used_pct", ("kind", "data"), ("mount", "/mnt/my disk \"x\"\\y"))] = 88.125 - (i * 0.001),
        [MetricKey.Format("proc.rss_bytes", ("name", "java -jar app.jar"))] = 1_834_221_000 + i,
        ["disk.io.queue{device=sda}"] = 1e-5 * i,
        ["uptime.seconds"] = 8_640_123 + (30 * i),
    });

    /// <summary>Every stored value of the node as "measurement tags field time value", from the local database.</summary>
    private static async Task<List<string>> StoredAsync(ArchiveRig rig, string node)
    {
        var tags = await NodeTagsAsync(rig, node);
        var points = new List<string>();
        await rig.Store.ReplaySamplesAsync(node, DateTimeOffset.UnixEpoch, s =>
        {
            foreach (var (key, value) in s.Values)
            {
                var name = MetricKey.NameOf(key);
                var dot = name.IndexOf('.', StringComparison.Ordinal);
                var labels = name.Length < key.Length ? key[(name.Length + 1)..^1].Split(',') : [];
                var all = string.Join(',', labels.Concat(tags).Order(StringComparer.Ordinal));
                points.Add(Point(name[..dot], all, name[(dot + 1)..], s.At.ToUnixTimeMilliseconds(), value));
            }
        }, CancellationToken.None);
        return points;
    }

    /// <summary>Every archived value of the node, queried back from influxd with InfluxQL, in the same form.</summary>
    private static async Task<List<string>> ArchivedAsync(InfluxServer influx, string node)
    {
        using var doc = await influx.QueryAsync($"SELECT * FROM /.*/ WHERE \"node\" = '{node}' GROUP BY *", Db);
        var points = new List<string>();
        foreach (var series in doc.RootElement.GetProperty("results")[0].GetProperty("series").EnumerateArray())
        {
            var measurement = series.GetProperty("name").GetString()!;
            var tags = string.Join(',', series.GetProperty("tags").EnumerateObject().Where(t => t.Value.GetString() is { Length: > 0 }).Select(t => $"{t.Name}={t.Value.GetString()}").Order(StringComparer.Ordinal));
            var columns = series.GetProperty("columns").EnumerateArray().Select(c => c.GetString()!).ToArray();
            foreach (var row in series.GetProperty("values").EnumerateArray())
            {
                var cells = row.EnumerateArray().ToArray();
                for (var c = 1; c < cells.Length; c++)
                {
                    if (cells[c].ValueKind == JsonValueKind.Number)
                    {
                        points.Add(Point(measurement, tags, columns[c], cells[0].GetInt64(), cells[c].GetDouble()));
                    }
                }
            }
        }

        return points;
    }

    private static async Task<string[]> NodeTagsAsync(ArchiveRig rig, string node)
    {
        var fleet = await rig.Store.FleetAsync(CancellationToken.None);
        var info = fleet.Single(n => n.Node.Name == node).Node;
        return [$"node={node}", $"provider={info.Provider}", $"region={info.Region}", $"role={(info.Role == Domain.Nodes.NodeRole.Edge ? "edge" : "core")}"];
    }

    private static string Point(string measurement, string tags, string field, long ms, double value) =>
        string.Create(CultureInfo.InvariantCulture, $"{measurement} {tags} {field} {ms} {value:R}");
}
