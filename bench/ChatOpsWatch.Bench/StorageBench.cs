using System.Diagnostics;
using System.Globalization;
using System.Text;
using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Domain.Commands;
using ChatOpsWatch.Domain.Nodes;
using ChatOpsWatch.Domain.Samples;
using ChatOpsWatch.Domain.Storage;
using ChatOpsWatch.Domain.Text;
using ChatOpsWatch.Infrastructure.Charts;
using ChatOpsWatch.Infrastructure.Storage;

namespace ChatOpsWatch.Bench;

/// <summary>
/// The storage bench (issue 14): N simulated nodes polled every 30 s for D simulated days, written through the real
/// store (SqliteMonitorStore.CommitPollAsync, group commit) while the real maintenance (SqliteStorageMaintenance:
/// rollups, retention, incremental vacuum) runs beside it on the same simulated clock. Reports the size per tier, bytes
/// per value, commit latency while maintenance runs, and /chart 7d and 1y read and render times.
/// </summary>
internal static class StorageBench
{
    /// <summary>A clock the bench sets: every store and the maintenance read simulated time from it.</summary>
    private sealed class SimClock(DateTimeOffset start) : TimeProvider
    {
        private long _ticks = start.UtcTicks;

        public DateTimeOffset Now
        {
            get => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);
            set => Interlocked.Exchange(ref _ticks, value.UtcTicks);
        }

        public override DateTimeOffset GetUtcNow() => Now;
    }

    public static async Task<int> RunAsync(string[] args)
    {
        var nodes = Arg(args, "--nodes", 10);
        var days = Arg(args, "--days", 90);
        var target = Arg(args, "--extrapolate-to", 1000);
        var outDir = args.SkipWhile(a => a != "--out").Skip(1).FirstOrDefault() ?? "bench/results";
        var dir = Directory.CreateTempSubdirectory("cow-storage-bench-").FullName;
        var path = Path.Combine(dir, "bench.db");
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var clock = new SimClock(start);
        using var db = SqliteDatabase.Open(path, clock);
        var store = new SqliteMonitorStore(db, clock, TextCatalog.English);
        var maintenance = new SqliteStorageMaintenance(db, RetentionOptions.Default, TextCatalog.English, clock);
        var names = Enumerable.Range(1, nodes).Select(i => $"node-{i:D4}").ToList();
        foreach (var n in names)
        {
            await store.UpsertNodeAsync(new NodeInfo(n, "hetzner", "fsn1", NodeRole.Core, NodeInfo.CoreInterval), default);
        }

        var commits = new List<double>(1 << 20);
        var steps = new Dictionary<MaintenanceWork, List<double>>();
        var polls = days * 2880;
        var wall = Stopwatch.StartNew();
        using var stop = new CancellationTokenSource();
        var maintainer = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var sw = Stopwatch.StartNew();
                var work = await maintenance.StepAsync(default);
                if (work == MaintenanceWork.Idle)
                {
                    await Task.Delay(20);
                    continue;
                }

                lock (steps)
                {
                    (steps.TryGetValue(work, out var l) ? l : steps[work] = []).Add(sw.Elapsed.TotalMilliseconds);
                }
            }
        });
        var random = new Random(14);
        var values = new Dictionary<string, double>[nodes];
        for (var i = 0; i < polls; i++)
        {
            var at = start.AddSeconds(30 * i);
            clock.Now = at;
            var tasks = new Task[nodes];
            for (var n = 0; n < nodes; n++)
            {
                var sample = new Sample(names[n], at, Metrics(i, n, random, values[n]));
                values[n] = (Dictionary<string, double>)sample.Values;
                var sw = Stopwatch.StartNew();
                tasks[n] = store.CommitPollAsync(names[n], new PollDecision(sample, [], []), at, default)
                    .ContinueWith(_ => { lock (commits) { commits.Add(sw.Elapsed.TotalMilliseconds); } }, TaskScheduler.Default);
            }

            await Task.WhenAll(tasks);
            if (i % 28_800 == 0)
            {
                Console.Error.WriteLine($"storage bench: day {i / 2880} of {days}, {wall.Elapsed.TotalSeconds:0} s");
            }
        }

        clock.Now = start.AddDays(days);
        stop.Cancel();
        await maintainer;
        await maintenance.RunUntilIdleAsync(default);
        var writeSeconds = wall.Elapsed.TotalSeconds;

        var report = await SqliteStorageStats.ReadAsync(db, RetentionOptions.Default, default);
        var chart7 = await ChartAsync(db, names[0], clock.Now, ChartRange.Week);
        var chart1y = await ChartAsync(db, names[0], clock.Now, ChartRange.Year);
        var md = Format(report, nodes, days, target, writeSeconds, commits, steps, chart7, chart1y, new FileInfo(path).Length);
        Directory.CreateDirectory(outDir);
        await File.WriteAllTextAsync(Path.Combine(outDir, "storage.md"), md);
        Console.Out.Write(md);
        db.Dispose();
        Directory.Delete(dir, recursive: true);
        return 0;
    }

    /// <summary>39 values like the probe's (cpu, memory, load, 4 disks, 3 interfaces, processes, ports, TLS days), moving as a server's do.</summary>
    private static Dictionary<string, double> Metrics(int i, int node, Random r, Dictionary<string, double>? before)
    {
        var v = new Dictionary<string, double>(40, StringComparer.Ordinal)
        {
            ["cpu.busy_pct"] = Math.Round(15 + (10 * Math.Sin((i + node) / 120.0)) + (r.NextDouble() * 5), 1),
            ["cpu.iowait_pct"] = Math.Round(r.NextDouble() * 2, 1),
            ["cpu.steal_pct"] = Math.Round(r.NextDouble() * 0.5, 1),
            ["load.1m"] = Math.Round(0.5 + r.NextDouble(), 2),
            ["load.5m"] = Math.Round(0.6 + (r.NextDouble() * 0.3), 2),
            ["load.15m"] = Math.Round(0.7 + (r.NextDouble() * 0.1), 2),
            ["mem.used_pct"] = Math.Round(40 + (r.NextDouble() * 3), 1),
            ["mem.avail_mb"] = 3900 + r.Next(100),
            ["swap.used_pct"] = 0,
            ["proc.count"] = 180 + r.Next(6),
            ["uptime.days"] = Math.Round(100 + (i / 2880.0), 2),
            ["node.expiry_days"] = 200 - (i / 2880),
            ["ssh.rtt_ms"] = Math.Round(20 + (r.NextDouble() * 3), 1),
            ["port.up{port=22}"] = 1,
            ["process.up{name=sshd}"] = 1,
            ["http.tls_days_left{url=https://example.org}"] = 80 - (i / 2880),
        };
        foreach (var mount in (string[])["/", "/data", "/var", "/boot"])
        {
            v[$"disk.used_pct{{kind=data,mount={mount}}}"] = Math.Round(50 + (i / 20_000.0), 1);
            v[$"disk.inodes_used_pct{{mount={mount}}}"] = 12;
            v[$"disk.read_kbps{{mount={mount}}}"] = Math.Round(r.NextDouble() * 200, 1);
        }

        foreach (var iface in (string[])["eth0", "eth1", "lo"])
        {
            var rx = before?.GetValueOrDefault($"net.rx_bytes{{iface={iface}}}") ?? 1e9;
            var tx = before?.GetValueOrDefault($"net.tx_bytes{{iface={iface}}}") ?? 1e9;
            v[$"net.rx_bytes{{iface={iface}}}"] = rx + r.Next(1_000_000);
            v[$"net.tx_bytes{{iface={iface}}}"] = tx + r.Next(500_000);
            v[$"net.rx_kbps{{iface={iface}}}"] = Math.Round(r.NextDouble() * 300, 1);
            v[$"net.errors{{iface={iface}}}"] = 0;
        }

        v["net.retrans_pct"] = Math.Round(r.NextDouble() * 0.2, 2);
        return v;
    }

    private static async Task<(int Points, double ReadMs, double RenderMs)> ChartAsync(SqliteDatabase db, string node, DateTimeOffset now, ChartRange range)
    {
        var reader = new SqliteSeriesReader(db);
        var since = now - range.Span;
        await reader.ReadAsync(node, "cpu.busy_pct", since, range.Tier, default); // warm-up: JIT and page cache
        var sw = Stopwatch.StartNew();
        var points = await reader.ReadAsync(node, "cpu.busy_pct", since, range.Tier, default);
        var read = sw.Elapsed.TotalMilliseconds;
        sw.Restart();
        ChartRenderer.RenderPng($"{node} · cpu.busy_pct · {range.Name}", Downsampler.MinMax(points), ChartThresholds.For("cpu.busy_pct", ThresholdRule.Defaults), since, now);
        return (points.Count, read, sw.Elapsed.TotalMilliseconds);
    }

    private static string Format(
        StorageReport r, int nodes, int days, int target, double seconds, List<double> commits, Dictionary<MaintenanceWork, List<double>> steps,
        (int Points, double ReadMs, double RenderMs) c7, (int Points, double ReadMs, double RenderMs) c1y, long fileBytes)
    {
        var inv = CultureInfo.InvariantCulture;
        var k = (double)target / nodes;
        var sb = new StringBuilder();
        sb.AppendLine("# Storage bench (issue 14)");
        sb.AppendLine();
        sb.AppendLine(inv, $"Reproduce: `scripts/bench.sh storage` (`--nodes {nodes} --days {days}`). {nodes} simulated nodes × {days} simulated days at 30 s ({(long)nodes * days * 2880:N0} polls of {r.ValuesPerPoll:0} values), written through `SqliteMonitorStore.CommitPollAsync` (group commit) with the real `SqliteStorageMaintenance` (rollups, retention with the defaults: raw 8 days, 5-minute 35 days, hourly 400 days; incremental vacuum) stepping beside the writes on the same simulated clock. Wall time {seconds:0} s on this 2-core machine.");
        sb.AppendLine();
        sb.AppendLine(inv, $"**Extrapolated to {target:N0} nodes** (×{k:0}): every table grows linearly with the nodes (one row per node per poll or bucket; the series dictionary is shared and does not grow). Writing {target:N0} × {days} days (259 M polls) through the store would take hours on 2 cores, so it was not done; the per-node figures below are measured, the {target:N0}-node column is that figure × {k:0}.");
        sb.AppendLine();
        sb.AppendLine(inv, $"| tier | rows ({nodes} nodes) | polls held | bytes ({nodes} nodes) | bytes per row | {target:N0} nodes (extrapolated) |");
        sb.AppendLine("|---|---:|---:|---:|---:|---:|");
        foreach (var t in r.Tiers)
        {
            sb.AppendLine(inv, $"| {t.Tier} | {t.Rows:N0} | {t.Polls:N0} | {StorageSummary.Size(t.Bytes)} | {(t.Rows > 0 ? (double)t.Bytes / t.Rows : 0):0} | {StorageSummary.Size((long)(t.Bytes * k))} |");
        }

        sb.AppendLine(inv, $"| **file** | | | {StorageSummary.Size(fileBytes)} (free pages {StorageSummary.Size(r.FreeBytes)}) | | **{StorageSummary.Size((long)(fileBytes * k))}** (target < 5 GB) |");
        sb.AppendLine();
        sb.AppendLine(inv, $"- **Bytes per stored raw value: {r.BytesPerValue:0.00}** ({r.BytesPerPoll:0} bytes per poll of {r.ValuesPerPoll:0} values, key and page share included; target ≤ 30; the JSON rows took about 35).");
        sb.AppendLine("- Tier bytes are the used pages shared out by each table's stored bytes (the bundled SQLite has no dbstat); the file size is exact.");
        commits.Sort();
        sb.AppendLine(inv, $"- **Poll commit while maintenance runs**: p50 {P(commits, 0.5):0.00} ms, p99 {P(commits, 0.99):0.00} ms, max {commits[^1]:0.0} ms over {commits.Count:N0} commits ({nodes} polls committed together each simulated 30 s; a poll waits for its group's transaction and for any maintenance transaction under way).");
        foreach (var (work, list) in steps.OrderBy(s => s.Key))
        {
            list.Sort();
            sb.AppendLine(inv, $"- maintenance step `{work}`: {list.Count:N0} steps, p50 {P(list, 0.5):0.0} ms, p99 {P(list, 0.99):0.0} ms, max {list[^1]:0.0} ms (a step's write transaction is part of that; reads run outside the lock)");
        }

        sb.AppendLine(inv, $"- **/chart 7d** (5-minute rollups and raw after them): {c7.Points:N0} points read in {c7.ReadMs:0.0} ms, rendered in {c7.RenderMs:0.0} ms.");
        sb.AppendLine(inv, $"- **/chart 1y** (hourly rollups, then 5-minute, then raw; {days} days of data exist): {c1y.Points:N0} points read in {c1y.ReadMs:0.0} ms, rendered in {c1y.RenderMs:0.0} ms (target < 1 s). One node's read does not depend on the number of nodes (a seek on the (tier, node_id, at) key).");
        return sb.ToString();
    }

    private static double P(List<double> sorted, double q) => sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)(q * sorted.Count))];

    private static int Arg(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
