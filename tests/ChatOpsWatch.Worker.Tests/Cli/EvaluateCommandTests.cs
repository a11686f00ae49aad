using System.Globalization;
using System.Text;
using ChatOpsWatch.Worker.Cli;

namespace ChatOpsWatch.Worker.Tests.Cli;

public sealed class EvaluateCommandTests : IDisposable
{
    private static readonly DateTime T0 = new(2026, 3, 2, 0, 0, 0, DateTimeKind.Utc); // a Monday
    private readonly string _dir = Directory.CreateTempSubdirectory("evaluate-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>
    /// A labelled split of one series: 12 days of requests/s around 100 (minute rows, one duplicated row and one that
    /// steps back), with the service dead (requests at 0.5) on day 10 from 12:00 to 15:00, labelled.
    /// </summary>
    private string Corpus()
    {
        var split = Directory.CreateDirectory(Path.Combine(_dir, "test")).FullName;
        var csv = new StringBuilder("timestamp,http.requests_per_s\n");
        var random = new Random(5);
        for (var m = 0; m < 12 * 1440; m++)
        {
            var at = T0.AddMinutes(m);
            var dead = m >= (10 * 1440) + 720 && m < (10 * 1440) + 900;
            var value = dead ? 0.5 : 100 * Math.Exp(0.2 * (random.NextDouble() - 0.5));
            csv.Append(CultureInfo.InvariantCulture, $"{at:yyyy-MM-dd HH:mm:ss},{value:0.###}\n");
            if (m == 3000)
            {
                csv.Append(CultureInfo.InvariantCulture, $"{at:yyyy-MM-dd HH:mm:ss},{value:0.###}\n");
                csv.Append(CultureInfo.InvariantCulture, $"{at.AddMinutes(-5):yyyy-MM-dd HH:mm:ss},{value:0.###}\n");
            }
        }

        File.WriteAllText(Path.Combine(split, "req.csv"), csv.ToString());
        File.WriteAllText(Path.Combine(split, "labels.json"), """
            {"split": "test", "series": [{"file": "req.csv", "metric": "http.requests_per_s", "intervalSeconds": 60,
              "start": "2026-03-02T00:00:00Z", "end": "2026-03-14T00:00:00Z",
              "incidents": [{"kind": "service_died", "start": "2026-03-12T12:00:00Z", "end": "2026-03-12T15:00:00Z", "at": "2026-03-12T12:00:00Z"}]}]}
            """);
        return _dir;
    }

    [Fact]
    public void Run_LabelledCorpus_WritesTheFiveDetectorsSideBySideWithTheEngineCatchingTheOutage()
    {
        var output = Path.Combine(_dir, "out", "alert-quality.md");
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var code = EvaluateCommand.Run(["--corpus", Corpus(), "--output", output], stdout, stderr);

        Assert.Equal(0, code);
        var text = File.ReadAllText(output);
        Assert.Contains("## Split `test`: 1 series, 17,280 samples, 1 labelled incidents", text, StringComparison.Ordinal);
        Assert.Contains("| seed static rule (>70 % warning, 5 × >85 % critical) | ", text, StringComparison.Ordinal);
        Assert.Contains("| rolling mean + 3σ over 10 min | ", text, StringComparison.Ordinal);
        // Requests/s around 100 sit above the seed's 70 % all along: it pages all the time and its score is negative.
        var seed = text.Split('\n').Single(l => l.StartsWith("| seed static", StringComparison.Ordinal));
        Assert.Contains("| -", seed, StringComparison.Ordinal);
        var engine = text.Split('\n').Single(l => l.StartsWith("| engine defaults", StringComparison.Ordinal));
        Assert.Contains("| 1.00 (1/1) |", engine, StringComparison.Ordinal);
        var live = text.Split('\n').Single(l => l.StartsWith("| live defaults (what the monitor runs)", StringComparison.Ordinal));
        Assert.Contains("| 0.00 (0/1) |", live, StringComparison.Ordinal); // no live rule watches requests/s: the gap is shown, not hidden
        Assert.Contains("| service_died | 1 | 0 |", text, StringComparison.Ordinal); // the by-kind table is the live defaults'
        Assert.Contains("Live defaults (what the monitor runs) by incident kind:", text, StringComparison.Ordinal);
        Assert.Contains("skipped 1 out-of-order row(s) (first at line 3004) and 1 duplicate timestamp(s) (first at line 3003)", stderr.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Run_FolderWithoutLabels_SaysHowToMakeACorpus()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var code = EvaluateCommand.Run(["--corpus", _dir], stdout, stderr);

        Assert.Equal(CommandLine.ExitUsage, code);
        Assert.Contains("no labels.json", stderr.ToString(), StringComparison.Ordinal);
        Assert.Contains("bench/Corpus", stderr.ToString(), StringComparison.Ordinal);
    }
}
