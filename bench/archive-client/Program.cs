using System.Diagnostics;
using System.Net;
using ChatOpsWatch.Domain.Samples;
using ChatOpsWatch.Infrastructure.Archive;
using InfluxDB.Client;
using InfluxDB.Client.Api.Domain;
using InfluxDB.Client.Writes;

// 10,000 points: 1,000 polls of 10 lines (probe-shaped: 4 node tags + labels, 1-3 fields).
var tags = new ArchiveNodeTags("db-1", "hetzner", "fsn", "core");
var samples = Enumerable.Range(0, 1000).Select(i => new Sample("db-1", DateTimeOffset.FromUnixTimeMilliseconds(1_764_720_000_000 + i * 30_000L), new Dictionary<string, double>
{
    ["cpu.busy_pct"] = 12.5 + i % 7, ["cpu.iowait_pct"] = 0.3, ["cpu.steal_pct"] = 1.7,
    ["load.1"] = 0.42, ["load.5"] = 0.37, ["mem.used_pct"] = 63.25,
    ["disk.used_pct{kind=system,mount=/}"] = 71.4, ["disk.inodes_used_pct{kind=system,mount=/}"] = 8.9,
    ["disk.used_pct{kind=data,mount=/data}"] = 88.125, ["disk.io.queue{device=sda}"] = 0.5, ["disk.io.util_pct{device=sda}"] = 3.5,
    ["net.rx_bytes_per_s{iface=eth0}"] = 1834221, ["net.tx_bytes_per_s{iface=eth0}"] = 992311,
    ["proc.count"] = 187, ["tcp.connections"] = 42, ["uptime.seconds"] = 8_640_123 + i,
    ["proc.running{name=nginx}"] = 1, ["proc.rss_bytes{name=nginx}"] = 12_000_000,
    ["port.listening{port=443}"] = 1, ["swap.used_pct"] = 0,
})).ToList();
var lineCount = LineProtocol.Lines(tags, samples[0]).Count;
Console.WriteLine($"lines per poll: {lineCount}");
int polls = 10_000 / lineCount + 1;
var set = samples.Take(polls).ToList();
Console.WriteLine($"polls: {set.Count}, points: {set.Sum(s => LineProtocol.Lines(tags, s).Count)}");

// A sink that answers 204 to everything.
var listener = new HttpListener();
listener.Prefixes.Add("http://127.0.0.1:18999/");
listener.Start();
_ = Task.Run(async () => { while (true) { var c = await listener.GetContextAsync(); await c.Request.InputStream.CopyToAsync(Stream.Null); c.Response.StatusCode = 204; c.Response.Close(); } });

// Official client's point objects built from the same samples.
List<PointData> ToPoints(Sample s)
{
    var list = new List<PointData>();
    foreach (var g in s.Values.GroupBy(kv => (MetricKey.NameOf(kv.Key).Split('.')[0], kv.Key.Contains('{') ? kv.Key[(kv.Key.IndexOf('{') + 1)..^1] : "")))
    {
        var p = PointData.Measurement(g.Key.Item1).Tag("node", "db-1").Tag("provider", "hetzner").Tag("region", "fsn").Tag("role", "core");
        if (g.Key.Item2.Length > 0) foreach (var kv in g.Key.Item2.Split(',')) { var e = kv.IndexOf('='); p = p.Tag(kv[..e], kv[(e + 1)..]); }
        foreach (var kv in g) { var n = MetricKey.NameOf(kv.Key); p = p.Field(n[(n.IndexOf('.') + 1)..], kv.Value); }
        list.Add(p.Timestamp(s.At.ToUnixTimeMilliseconds(), WritePrecision.Ms));
    }
    return list;
}

(double cpuMs, long bytes) Measure(Action a, int rounds = 20)
{
    for (var i = 0; i < 5; i++) a(); // warm-up
    GC.Collect(); GC.WaitForPendingFinalizers();
    var before = GC.GetTotalAllocatedBytes(true);
    var cpu = Process.GetCurrentProcess().TotalProcessorTime;
    for (var i = 0; i < rounds; i++) a();
    var cpuAfter = Process.GetCurrentProcess().TotalProcessorTime;
    var after = GC.GetTotalAllocatedBytes(true);
    return ((cpuAfter - cpu).TotalMilliseconds / rounds, (after - before) / rounds);
}

var ours = Measure(() => { foreach (var s in set) LineProtocol.Lines(tags, s); });
var theirs = Measure(() => { foreach (var s in set) foreach (var p in ToPoints(s)) p.ToLineProtocol(); });
Console.WriteLine($"format only, per 10k points: ours {ours.cpuMs:0.00} ms CPU, {ours.bytes / 1024.0:0} KB allocated; InfluxDB.Client PointData {theirs.cpuMs:0.00} ms CPU, {theirs.bytes / 1024.0:0} KB");

var http = new HttpClient();
var writer = new InfluxWriter(http, new InfluxOptions(new Uri("http://127.0.0.1:18999"), InfluxApi.V2) { Org = "o", Bucket = "b", Token = "t" });
var oursHttp = Measure(() =>
{
    var lines = set.SelectMany(s => LineProtocol.Lines(tags, s)).ToList();
    for (var i = 0; i < lines.Count; i += 5000) writer.WriteAsync(lines.GetRange(i, Math.Min(5000, lines.Count - i)), default).GetAwaiter().GetResult();
}, 10);
using var client = new InfluxDBClient(new InfluxDBClientOptions("http://127.0.0.1:18999") { Token = "t", Org = "o", Bucket = "b" });
client.EnableGzip();
var api = client.GetWriteApiAsync();
var theirsHttp = Measure(() =>
{
    var points = set.SelectMany(ToPoints).ToList();
    for (var i = 0; i < points.Count; i += 5000) api.WritePointsAsync(points.GetRange(i, Math.Min(5000, points.Count - i))).GetAwaiter().GetResult();
}, 10);
Console.WriteLine($"format + gzip + POST (batches of 5,000), per 10k points: ours {oursHttp.cpuMs:0.00} ms CPU, {oursHttp.bytes / 1024.0:0} KB; InfluxDB.Client WriteApiAsync {theirsHttp.cpuMs:0.00} ms CPU, {theirsHttp.bytes / 1024.0:0} KB");
var one = string.Join('\n', LineProtocol.Lines(tags, samples[0]));
Console.WriteLine($"bench poll: {samples[0].Values.Count} indicators, {LineProtocol.Lines(tags, samples[0]).Count} lines, {System.Text.Encoding.UTF8.GetByteCount(one)} bytes");
