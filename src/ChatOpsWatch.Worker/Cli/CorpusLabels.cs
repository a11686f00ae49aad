using System.Globalization;
using System.Text.Json;
using ChatOpsWatch.Domain.Engine.Quality;

namespace ChatOpsWatch.Worker.Cli;

/// <summary>One series of a corpus split as its labels.json lists it.</summary>
internal sealed record CorpusSeries(string File, string Metric, TimeSpan Interval, DateTimeOffset Start, DateTimeOffset End, IReadOnlyList<LabelledWindow> Windows);

/// <summary>
/// Reads a corpus split's <c>labels.json</c> (written by bench/Corpus): <c>{"split", "series": [{"file", "metric",
/// "intervalSeconds", "start", "end", "incidents": [{"kind", "start", "end", "at"}]}]}</c>. A bad file throws
/// <see cref="InvalidDataException"/> naming what is wrong.
/// </summary>
internal static class CorpusLabels
{
    public static (string Split, List<CorpusSeries> Series) Read(string path)
    {
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(path));
            var root = doc.RootElement;
            var series = new List<CorpusSeries>();
            foreach (var s in root.GetProperty("series").EnumerateArray())
            {
                var windows = s.GetProperty("incidents").EnumerateArray()
                    .Select(i => new LabelledWindow(i.GetProperty("kind").GetString() ?? "?", Time(i, "start"), Time(i, "end"), Time(i, "at")))
                    .OrderBy(w => w.Start)
                    .ToList();
                series.Add(new CorpusSeries(
                    s.GetProperty("file").GetString() ?? throw new InvalidDataException("a series has no file"),
                    s.GetProperty("metric").GetString() ?? throw new InvalidDataException("a series has no metric"),
                    TimeSpan.FromSeconds(s.GetProperty("intervalSeconds").GetDouble()),
                    Time(s, "start"),
                    Time(s, "end"),
                    windows));
            }

            return (root.TryGetProperty("split", out var split) ? split.GetString() ?? "corpus" : "corpus", series);
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new InvalidDataException($"{path}: not a corpus labels file ({ex.Message})", ex);
        }
    }

    private static DateTimeOffset Time(JsonElement e, string name) =>
        DateTimeOffset.Parse(e.GetProperty(name).GetString() ?? throw new FormatException($"{name} is null"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
