using System.Diagnostics;
using System.Globalization;
using System.Text;
using ChatOpsWatch.Bench;
using ChatOpsWatch.Domain.Engine;

// Backtest throughput of the engine on one core: synthetic series held in memory (so CSV parsing is not
// measured), replayed through Backtest exactly as the CLI does. Median of several runs after a warm-up.
// Usage: dotnet run -c Release --project bench/Backtest [-- samples runs]
var samples = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10_000_000;
var runs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5;
if (OperatingSystem.IsLinux() || OperatingSystem.IsWindows())
{
    Process.GetCurrentProcess().ProcessorAffinity = 1; // one core
}

var start = new DateTimeOffset(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);
var (times, values) = CpuTrace.Cpu(start, samples, TimeSpan.FromSeconds(10));
var threshold = new EngineRule("cpu-static", new RuleTiming(TimeSpan.FromMinutes(5)), () => new ThresholdSource(new Levels(Direction.Above, 80, 90, 70, 85)));
// The forecast case replays a tenth of the samples: its cost is per refit, not per sample.
var cases = new (string Name, Func<IReadOnlyList<EngineRule>> Rules, int Samples)[]
{
    ("static threshold, for 5m", () => [threshold], samples),
    ("default cpu rules (learned baseline + info level shift)", () => DefaultRules.For("cpu.busy_pct"), samples),
    ("disk forecast + full (default disk rules)", () => DefaultRules.For("disk.used_pct"), samples / 10),
    ("disk I/O early warning (default disk.io.queue rule)", () => DefaultRules.For("disk.io.queue"), samples),
};

var report = new StringBuilder();
report.AppendLine("# Backtest throughput").AppendLine();
report.AppendLine(CultureInfo.InvariantCulture, $"`dotnet run -c Release --project bench/Backtest -- {samples} {runs}`: {samples:N0} in-memory samples at a 10 s interval");
report.AppendLine(CultureInfo.InvariantCulture, $"({samples * 10.0 / 86400:N0} days), one thread pinned to one core, median of {runs} runs after one warm-up run.");
report.AppendLine(CultureInfo.InvariantCulture, $"{Environment.ProcessorCount} cores, .NET {Environment.Version}, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}.");
if (File.Exists("/proc/loadavg"))
{
    // The bench machine is shared; a load above the core count makes the figures low and noisy.
    report.AppendLine(CultureInfo.InvariantCulture, $"Load average at start: {File.ReadAllText("/proc/loadavg").Trim()}.");
}

report.AppendLine();
// Wall-clock rates fall with the machine's load; samples per CPU-second of this process (one pinned thread,
// non-concurrent GC) do not, so both are reported.
report.AppendLine("| rules | samples | median samples/s | min | max | median samples per CPU-second | episodes |").AppendLine("|---|---:|---:|---:|---:|---:|---:|");
foreach (var (name, rules, n) in cases)
{
    var (t, v) = (times[..n], values[..n]);
    Run(rules, t, v); // warm-up: tiered JIT and PGO
    var rates = new List<double>();
    var cpuRates = new List<double>();
    var episodes = 0;
    for (var i = 0; i < runs; i++)
    {
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        episodes = Run(rules, t, v);
        rates.Add(n / clock.Elapsed.TotalSeconds);
        cpuRates.Add(n / (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds);
    }

    rates.Sort();
    cpuRates.Sort();
    var line = $"| {name} | {n:N0} | {rates[rates.Count / 2]:N0} | {rates[0]:N0} | {rates[^1]:N0} | {cpuRates[cpuRates.Count / 2]:N0} | {episodes} |";
    Console.WriteLine(line);
    report.AppendLine(line);
}

var quality = Math.Min(samples, 8 * 365 * 24 * 360 / 8); // one year of 10 s samples at most
Quality.Report(report, start, times[..quality], values[..quality]);
IoQuality.Report(report, start, days: 90);
Console.WriteLine(report.ToString()[report.ToString().IndexOf("## Alert", StringComparison.Ordinal)..]);

var root = AppContext.BaseDirectory;
while (!File.Exists(Path.Combine(root, "ChatOpsWatch.sln")))
{
    root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("ChatOpsWatch.sln not found above the benchmark");
}

var output = Path.Combine(root, "bench", "results", "backtest.md");
File.WriteAllText(output, report.ToString());
Console.WriteLine($"written to {output}");

static int Run(Func<IReadOnlyList<EngineRule>> rules, long[] times, double[] values)
{
    var backtest = new Backtest(rules(), TimeSpan.FromSeconds(10));
    var episodes = new List<AlertEpisode>();
    for (var i = 0; i < times.Length; i++)
    {
        backtest.Observe(new DateTimeOffset(times[i], TimeSpan.Zero), values[i], episodes);
    }

    return episodes.Count + backtest.Open().Count();
}
