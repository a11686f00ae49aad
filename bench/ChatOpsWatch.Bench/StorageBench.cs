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
using Microsoft.Data.Sqlite;

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

    /// <summary>One run's figures.</summary>
    private sealed record Run(
        int Nodes, int Days, double Seconds, StorageReport Report, long FileBytes, IReadOnlyList<(string Tier, long Rows, double BlobBytes)> Blobs,
        List<double> Commits, List<double> Waits, List<double> Held, Dictionary<MaintenanceWork, List<double>> Steps,
        Dictionary<MaintenanceWork, List<double>> HeldBySteps,
        (int Points, double ReadMs, double RenderMs) Chart7, (int Points, double ReadMs, double RenderMs) Chart1y, string Load);

    /// <summary>The machine's load average (1, 5 and 15 minutes) from /proc/loadavg: how much the other jobs took of the 2 cores.</summary>
    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(" / ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    public static async Task<int> RunAsync(string[] args)
    {
        var nodes = Arg(args, "--nodes", 10);
        var days = Arg(args, "--days", 90);
        var target = Arg(args, "--extrapolate-to", 1000);
        var fleetNodes = Arg(args, "--fleet-nodes", 1000);
        var fleetDays = Arg(args, "--fleet-days", 1);
        var outDir = args.SkipWhile(a => a != "--out").Skip(1).FirstOrDefault() ?? "bench/results";
        var small = await RunOnceAsync(nodes, days);
        var fleet = fleetNodes > 0 && fleetDays > 0 ? await RunOnceAsync(fleetNodes, fleetDays) : null;
        var md = Format(small, fleet, target);
        Directory.CreateDirectory(outDir);
        await File.WriteAllTextAsync(Path.Combine(outDir, "storage.md"), md);
        Console.Out.Write(md);
        return 0;
    }

    private static async Task<Run> RunOnceAsync(int nodes, int days)
    {
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
        var waits = new List<double>(1 << 20);
        var held = new List<double>(1 << 16);
        db.Turns.PollWaited = t => { lock (waits) { waits.Add(t.TotalMilliseconds); } };
        // Only the maintainer below takes maintenance turns, one step at a time, so the turns held during a step are its own.
        var stepHeld = new List<double>();
        db.Turns.MaintenanceHeld = t =>
        {
            lock (held)
            {
                held.Add(t.TotalMilliseconds);
                stepHeld.Add(t.TotalMilliseconds);
            }
        };
        var steps = new Dictionary<MaintenanceWork, List<double>>();
        var heldBySteps = new Dictionary<MaintenanceWork, List<double>>();
        var polls = days * 2880;
        var wall = Stopwatch.StartNew();
        using var stop = new CancellationTokenSource();
        var maintainer = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var sw = Stopwatch.StartNew();
                var work = await maintenance.StepAsync(default);
                lock (held)
                {
                    (heldBySteps.TryGetValue(work, out var h) ? h : heldBySteps[work] = []).AddRange(stepHeld);
                    stepHeld.Clear();
                }

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
            if (i % 2_880 == 0)
            {
                Console.Error.WriteLine($"storage bench: {nodes} nodes, day {i / 2880} of {days}, {wall.Elapsed.TotalSeconds:0} s");
            }
        }

        clock.Now = start.AddDays(days);
        stop.Cancel();
        await maintainer;
        db.Turns.PollWaited = null;
        db.Turns.MaintenanceHeld = null;
        await maintenance.RunUntilIdleAsync(default);
        var seconds = wall.Elapsed.TotalSeconds;

        var report = await SqliteStorageStats.ReadAsync(db, RetentionOptions.Default, default);
        var chart7 = await ChartAsync(db, names[0], clock.Now, ChartRange.Week);
        var chart1y = await ChartAsync(db, names[0], clock.Now, ChartRange.Year);
        var blobs = Blobs(path);
        var fileBytes = CheckpointedLength(path);
        db.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(dir, recursive: true);
        return new Run(nodes, days, seconds, report, fileBytes, blobs, commits, waits, held, steps, heldBySteps, chart7, chart1y, LoadAverage());
    }

    /// <summary>
    /// The file's size once the WAL is moved into it: the last vacuum steps' truncation lives in the WAL until a
    /// checkpoint, so the length before one still counts the pages they gave back.
    /// </summary>
    private static long CheckpointedLength(string path)
    {
        using (var c = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            c.Open();
            using var command = c.CreateCommand();
            command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            command.ExecuteNonQuery();
        }

        return new FileInfo(path).Length;
    }

    /// <summary>The stored blob bytes per row of each tier (what the codecs write, without keys and page slack).</summary>
    private static List<(string, long, double)> Blobs(string path)
    {
        using var c = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        c.Open();
        using var command = c.CreateCommand();
        command.CommandText = "SELECT 'Raw', count(*), avg(length(data)) FROM points UNION ALL SELECT CASE tier WHEN 1 THEN 'FiveMinutes' ELSE 'Hour' END, count(*), avg(length(data)) FROM rollups GROUP BY tier;";
        using var reader = command.ExecuteReader();
        var result = new List<(string, long, double)>();
        while (reader.Read())
        {
            result.Add((reader.GetString(0), reader.GetInt64(1), reader.IsDBNull(2) ? 0 : reader.GetDouble(2)));
        }

        return result;
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

    private static string Format(Run small, Run? fleet, int target)
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine("# Storage bench (issue 14)");
        sb.AppendLine();
        sb.AppendLine(inv, $"Reproduce: `scripts/bench.sh storage` (`--nodes {small.Nodes} --days {small.Days} --fleet-nodes {fleet?.Nodes ?? 0} --fleet-days {fleet?.Days ?? 0}`, run under `nice -n 10`). Both runs below are of the same command, one after the other. Each writes simulated nodes polled every 30 s of simulated time ({small.Report.ValuesPerPoll:0} values a poll) through `SqliteMonitorStore.CommitPollAsync` (group commit) with the real `SqliteStorageMaintenance` (rollups, retention with the defaults: raw 8 days, 5-minute 35 days, hourly 400 days; blob conversion; incremental vacuum) stepping beside the writes on the same simulated clock. The machine has 2 cores shared with other jobs; latencies are wall time and include that noise.");
        sb.AppendLine();
        var k = (double)target / small.Nodes;
        sb.AppendLine(inv, $"## Run 1: {small.Nodes} nodes × {small.Days} days (wall {small.Seconds:0} s, load average at its end {small.Load}), extrapolated to {target:N0} nodes");
        sb.AppendLine();
        sb.AppendLine(inv, $"Every table grows linearly with the nodes (one row per node per poll or bucket; the series dictionary is shared). The {target:N0}-node column is the measured figure × {k:0}; run 2 checks the per-node bytes at {fleet?.Nodes ?? 0:N0} nodes.");
        sb.AppendLine();
        Tiers(sb, small, $"{target:N0} nodes (extrapolated)", k);
        sb.AppendLine(inv, $"| **file** | | | {StorageSummary.Size(small.FileBytes)} (free pages {StorageSummary.Size(small.Report.FreeBytes)}) | | | **{StorageSummary.Size((long)(small.FileBytes * k))}** (target < 5 GB) |");
        sb.AppendLine();
        Figures(sb, small);
        if (fleet is not null)
        {
            sb.AppendLine();
            sb.AppendLine(inv, $"## Run 2: {fleet.Nodes:N0} nodes × {fleet.Days} day(s) (wall {fleet.Seconds:0} s, load average at its end {fleet.Load}), through the real store");
            sb.AppendLine();
            sb.AppendLine(inv, $"The fleet at its real size, for a shorter span: the same code, {fleet.Nodes:N0} polls committed together every simulated 30 s. {(fleet.Days > 8 ? "Raw retention is in steady state." : $"Raw retention (8 days) is NOT in steady state in {fleet.Days} day(s): nothing was old enough to prune, so this run shows the per-row bytes and the commit waits at {fleet.Nodes:N0} nodes, not the pruning at that size (run 1 prunes).")} Per node: raw bytes per row compare with run 1's row directly.");
            sb.AppendLine();
            Tiers(sb, fleet, "per node", 1.0 / fleet.Nodes);
            sb.AppendLine(inv, $"| **file** | | | {StorageSummary.Size(fleet.FileBytes)} (free pages {StorageSummary.Size(fleet.Report.FreeBytes)}) | | | {StorageSummary.Size(fleet.FileBytes / fleet.Nodes)} |");
            sb.AppendLine();
            Figures(sb, fleet);
        }

        return sb.ToString();
    }

    private static void Tiers(StringBuilder sb, Run run, string scaled, double k)
    {
        var inv = CultureInfo.InvariantCulture;
        sb.AppendLine(inv, $"| tier | rows ({run.Nodes:N0} nodes) | polls held | bytes ({run.Nodes:N0} nodes) | bytes per row (pages) | blob bytes per row | {scaled} |");
        sb.AppendLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var t in run.Report.Tiers)
        {
            var blob = run.Blobs.FirstOrDefault(b => b.Tier == t.Tier.ToString()).BlobBytes;
            sb.AppendLine(inv, $"| {t.Tier} | {t.Rows:N0} | {t.Polls:N0} | {StorageSummary.Size(t.Bytes)} | {(t.Rows > 0 ? (double)t.Bytes / t.Rows : 0):0} | {blob:0} | {StorageSummary.Size((long)(t.Bytes * k))} |");
        }
    }

    private static void Figures(StringBuilder sb, Run r)
    {
        var inv = CultureInfo.InvariantCulture;
        sb.AppendLine(inv, $"- **Bytes per stored raw value: {r.Report.BytesPerValue:0.00}** ({r.Report.BytesPerPoll:0} bytes per poll of {r.Report.ValuesPerPoll:0} values, key and page share included; target ≤ 30; the JSON rows took about 35). Tier bytes are the used pages shared out by each table's stored bytes (the bundled SQLite has no dbstat); the file size is exact.");
        r.Commits.Sort();
        r.Waits.Sort();
        r.Held.Sort();
        sb.AppendLine(inv, $"- **Poll commit** (from the call to the commit, group commit tick included): p50 {P(r.Commits, 0.5):0.00} ms, p99 {P(r.Commits, 0.99):0.00} ms, max {Max(r.Commits):0.0} ms over {r.Commits.Count:N0} polls.");
        sb.AppendLine(inv, $"- **Poll commit waiting on maintenance** (a group commit's wait for its write turn, `WriteTurns.PollWaited`): p50 {P(r.Waits, 0.5):0.00} ms, p99 {P(r.Waits, 0.99):0.00} ms, **max {Max(r.Waits):0.0} ms** over {r.Waits.Count:N0} group commits; **{r.Waits.Count(w => w > 50):N0} waited over 50 ms** (target: none).");
        sb.AppendLine(inv, $"- **Maintenance write turn held** (`WriteTurns.MaintenanceHeld`, budget {MaintenanceBudget.Default.TotalMilliseconds:0} ms a step): p50 {P(r.Held, 0.5):0.0} ms, p99 {P(r.Held, 0.99):0.0} ms, max {Max(r.Held):0.0} ms over {r.Held.Count:N0} steps.");
        foreach (var (work, list) in r.HeldBySteps.Where(s => s.Value.Count > 0).OrderBy(s => s.Key))
        {
            list.Sort();
            sb.AppendLine(inv, $"- write turn held by `{work}` steps: {list.Count:N0} turns, p50 {P(list, 0.5):0.0} ms, p99 {P(list, 0.99):0.0} ms, max {Max(list):0.0} ms, {list.Count(h => h > 50):N0} over 50 ms");
        }

        foreach (var (work, list) in r.Steps.OrderBy(s => s.Key))
        {
            list.Sort();
            sb.AppendLine(inv, $"- maintenance step `{work}` (whole step: reads outside the turn, the wait for the turn, the write): {list.Count:N0} steps, p50 {P(list, 0.5):0.0} ms, p99 {P(list, 0.99):0.0} ms, max {Max(list):0.0} ms");
        }

        sb.AppendLine(inv, $"- **/chart 7d** (5-minute rollups and raw after them): {r.Chart7.Points:N0} points read in {r.Chart7.ReadMs:0.0} ms, rendered in {r.Chart7.RenderMs:0.0} ms.");
        sb.AppendLine(inv, $"- **/chart 1y** (hourly rollups, then 5-minute, then raw; {r.Days} days of data exist): {r.Chart1y.Points:N0} points read in {r.Chart1y.ReadMs:0.0} ms, rendered in {r.Chart1y.RenderMs:0.0} ms (target < 1 s).");
    }

    private static double Max(List<double> sorted) => sorted.Count == 0 ? 0 : sorted[^1];

    private static double P(List<double> sorted, double q) => sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)(q * sorted.Count))];

    private static int Arg(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
