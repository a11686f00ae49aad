using System.Diagnostics;
using System.Text.Json;
using ChatOpsWatch.Domain.Engine;

namespace ChatOpsWatch.Worker.Cli;

/// <summary>
/// <c>backtest --input FILE.csv --metric NAME [--rules FILE] --output FILE.jsonl</c>: replays one series through the
/// live engine code and writes one JSON line per alert episode. The output is written to FILE.jsonl.tmp and
/// renamed at the end, so a bad row stops the run without leaving a partial result behind.
/// </summary>
internal static class BacktestCommand
{
    public const int ExitData = 65;
    private const int IntervalSampleRows = 101;

    public static async Task<int> RunAsync(string[] args, TextWriter stderr)
    {
        var options = ParseArgs(args);
        if (options is null)
        {
            await stderr.WriteLineAsync(Usage);
            return CommandLine.ExitUsage;
        }

        var (input, metric, rulesPath, output) = options.Value;
        var problems = new List<string>();
        var rules = rulesPath is null ? DefaultRules.For(metric) : RulesFile.Parse(await ReadAsync(rulesPath, problems), problems);
        if (problems.Count > 0 || rules.Count == 0)
        {
            await stderr.WriteLineAsync($"backtest: {rulesPath}: {(problems.Count == 0 ? "no rules" : string.Join("\n  ", problems))}");
            return CommandLine.ExitConfig;
        }

        var temp = output + ".tmp";
        try
        {
            var count = Replay(input, metric, rules, temp, stderr);
            File.Move(temp, output, overwrite: true);
            await stderr.WriteLineAsync(count);
            return 0;
        }
        catch (Exception ex) when (ex is BacktestInputException or IOException or UnauthorizedAccessException)
        {
            File.Delete(temp);
            await stderr.WriteLineAsync($"backtest: {input}: {ex.Message}");
            return ex is BacktestInputException ? ExitData : CommandLine.ExitUsage;
        }
    }

    public const string Usage = "usage: chatopswatch backtest --input FILE.csv --metric NAME [--rules FILE.json] --output FILE.jsonl";

    private static string Replay(string input, string metric, IReadOnlyList<EngineRule> rules, string output, TextWriter stderr)
    {
        var clock = Stopwatch.StartNew();
        using var stream = new FileStream(input, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        using var reader = new StreamReader(stream);
        var csv = new BacktestCsv(reader, metric);
        var head = new List<(DateTimeOffset At, double? Value)>();
        while (head.Count < IntervalSampleRows && csv.TryRead(out var at, out var value))
        {
            head.Add((at, value));
        }

        var backtest = new Backtest(rules, Interval(head));
        using var file = File.Create(output);
        using var json = new Utf8JsonWriter(file);
        var episodes = new List<AlertEpisode>();
        long samples = 0, written = 0, nextProgress = 1_000_000;
        void Feed(DateTimeOffset at, double? value)
        {
            backtest.Observe(at, value, episodes);
            samples++;
            written += Write(json, file, episodes);
            if (samples == nextProgress)
            {
                nextProgress += 1_000_000;
                stderr.WriteLine($"backtest: {samples:N0} samples, {100.0 * stream.Position / Math.Max(1, stream.Length):0}% of {input}");
            }
        }

        head.ForEach(s => Feed(s.At, s.Value));
        while (csv.TryRead(out var at, out var value))
        {
            Feed(at, value);
        }

        episodes.AddRange(backtest.Open());
        written += Write(json, file, episodes);
        var seconds = Math.Max(clock.Elapsed.TotalSeconds, 1e-9);
        if (csv.Summary is { } skipped)
        {
            stderr.WriteLine($"backtest: {input}: {skipped}");
        }

        var notices = string.Join(", ", backtest.Notices.Where(n => n.Key is RuleNotice.NoData or RuleNotice.Flapping).Select(n => $"{n.Value} {n.Key}"));
        return $"backtest: {samples:N0} samples, {written} episode(s) in {seconds:0.00} s ({samples / seconds:N0} samples/s){(notices.Length > 0 ? $"; notices: {notices}" : "")}";
    }

    private static int Write(Utf8JsonWriter json, Stream file, List<AlertEpisode> episodes)
    {
        if (episodes.Count == 0)
        {
            return 0;
        }

        foreach (var e in episodes)
        {
            json.WriteStartObject();
            json.WriteString("start", e.Start.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture));
            if (e.End is { } end)
            {
                json.WriteString("end", end.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                json.WriteNull("end");
            }

            json.WriteString("severity", e.SeverityName);
            json.WriteString("rule", e.Rule);
            json.WriteString("reason", e.Reason);
            json.WriteEndObject();
            json.Flush();
            json.Reset();
            file.WriteByte((byte)'\n');
        }

        var n = episodes.Count;
        episodes.Clear();
        return n;
    }

    /// <summary>The median spacing of the first rows: gaps beyond 1.5 of it are replayed as missing polls.</summary>
    private static TimeSpan? Interval(List<(DateTimeOffset At, double? Value)> head)
    {
        var gaps = head.Zip(head.Skip(1), (a, b) => b.At - a.At).Where(g => g > TimeSpan.Zero).Order().ToList();
        return gaps.Count == 0 ? null : gaps[gaps.Count / 2];
    }

    private static async Task<string> ReadAsync(string path, List<string> problems)
    {
        try
        {
            return await File.ReadAllTextAsync(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            problems.Add($"cannot read: {ex.Message}");
            return "[]";
        }
    }

    private static (string Input, string Metric, string? Rules, string Output)? ParseArgs(string[] args)
    {
        string? input = null, metric = null, rules = null, output = null;
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--input": input = args[i + 1]; break;
                case "--metric": metric = args[i + 1]; break;
                case "--rules": rules = args[i + 1]; break;
                case "--output": output = args[i + 1]; break;
                default: return null;
            }
        }

        return args.Length % 2 == 0 && input is not null && metric is not null && output is not null ? (input, metric, rules, output) : null;
    }
}
