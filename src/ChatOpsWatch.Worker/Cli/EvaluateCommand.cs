using System.Diagnostics;
using ChatOpsWatch.Domain.Engine;
using ChatOpsWatch.Domain.Engine.Quality;

namespace ChatOpsWatch.Worker.Cli;

/// <summary>
/// <c>evaluate --corpus DIR [--output FILE.md]</c>: replays every series of a labelled corpus (DIR holds labels.json,
/// or split folders that each do) through the reference detectors and the engine defaults with the backtest's code,
/// scores them with <see cref="QualityScorer"/>, and writes the side-by-side tables (default
/// bench/results/alert-quality.md). Progress and skipped rows go to stderr.
/// </summary>
internal static class EvaluateCommand
{
    public const string Usage = "usage: chatopswatch evaluate --corpus DIR [--output FILE.md]";

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        string? corpus = null;
        var output = Path.Combine("bench", "results", "alert-quality.md");
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--corpus": corpus = args[i + 1]; break;
                case "--output": output = args[i + 1]; break;
                default: corpus = null; i = args.Length; break;
            }
        }

        if (corpus is null || args.Length % 2 != 0)
        {
            stderr.WriteLine(Usage);
            return CommandLine.ExitUsage;
        }

        var splits = Directory.Exists(corpus)
            ? (File.Exists(Path.Combine(corpus, "labels.json")) ? [corpus] : Directory.GetDirectories(corpus).Where(d => File.Exists(Path.Combine(d, "labels.json"))).Order(StringComparer.Ordinal).ToArray())
            : [];
        if (splits.Length == 0)
        {
            stderr.WriteLine($"evaluate: {corpus}: no labels.json in it or in its folders (generate one with: dotnet run -c Release --project bench/Corpus)");
            return CommandLine.ExitUsage;
        }

        try
        {
            var results = splits.Select(dir => Evaluate(dir, stderr)).ToList();
            var text = AlertQualityReport.Render(results, string.Join(' ', args));
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
            File.WriteAllText(output, text);
            stdout.Write(text);
            stderr.WriteLine($"evaluate: written to {output}");
            return 0;
        }
        catch (Exception ex) when (ex is BacktestInputException or InvalidDataException or IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"evaluate: {ex.Message}");
            return BacktestCommand.ExitData;
        }
    }

    private static SplitResult Evaluate(string dir, TextWriter stderr)
    {
        var (split, series) = CorpusLabels.Read(Path.Combine(dir, "labels.json"));
        var loaded = series.Select(s => (Series: s, Samples: Load(Path.Combine(dir, s.File), s.Metric, stderr))).ToList();
        var detectors = new List<(string Name, QualityResult Result, double SamplesPerSecond)>();
        foreach (var (name, rules) in ReferenceDetectors.All)
        {
            var clock = Stopwatch.StartNew();
            long samples = 0;
            var scored = loaded.Select(l =>
            {
                samples += l.Samples.Count;
                return new ScoredSeries(Path.GetFileNameWithoutExtension(l.Series.File), l.Series.Metric, l.Series.End - l.Series.Start, l.Series.Windows, Replay(rules(l.Series.Metric), l.Series.Interval, l.Samples));
            }).ToList();
            detectors.Add((name, QualityScorer.Score(scored), samples / Math.Max(1e-9, clock.Elapsed.TotalSeconds)));
        }

        return new SplitResult(split, loaded.Count, loaded.Sum(l => l.Samples.Count), detectors);
    }

    /// <summary>Every episode of every rule, any severity, in start order: the backtest's own replay.</summary>
    internal static List<AlertEpisode> Replay(IReadOnlyList<EngineRule> rules, TimeSpan interval, List<(DateTimeOffset At, double? Value)> samples)
    {
        var backtest = new Backtest(rules, interval);
        var episodes = new List<AlertEpisode>();
        foreach (var (at, value) in samples)
        {
            backtest.Observe(at, value, episodes);
        }

        episodes.AddRange(backtest.Open());
        return [.. episodes.OrderBy(e => e.Start)];
    }

    private static List<(DateTimeOffset At, double? Value)> Load(string path, string metric, TextWriter stderr)
    {
        using var reader = new StreamReader(path);
        var csv = new BacktestCsv(reader, metric);
        var samples = new List<(DateTimeOffset, double?)>(1 << 17);
        while (csv.TryRead(out var at, out var value))
        {
            samples.Add((at, value));
        }

        if (csv.Summary is { } skipped)
        {
            stderr.WriteLine($"evaluate: {path}: {skipped}");
        }

        return samples;
    }
}

/// <summary>The detectors' figures on one split of a corpus.</summary>
internal sealed record SplitResult(string Split, int Series, long Samples, IReadOnlyList<(string Name, QualityResult Result, double SamplesPerSecond)> Detectors);
