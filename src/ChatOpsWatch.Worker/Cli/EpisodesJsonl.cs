using System.Globalization;
using System.Text.Json;
using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Domain.Engine.Noise;

namespace ChatOpsWatch.Worker.Cli;

/// <summary>
/// Reads the backtest's output, one JSON object a line: <c>{"start", "end" (or null), "severity", "rule", "reason"}</c>.
/// A bad line stops the read with its line number; blank lines and info findings (which never page) are skipped.
/// </summary>
internal static class EpisodesJsonl
{
    public static List<NoiseEpisode> Read(string path)
    {
        var episodes = new List<NoiseEpisode>();
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            try
            {
                using var doc = JsonDocument.Parse(line);
                var root = doc.RootElement;
                var end = root.TryGetProperty("end", out var e) && e.ValueKind == JsonValueKind.String ? Time(e) : (DateTimeOffset?)null;
                var name = root.GetProperty("severity").GetString();
                if (name == "info")
                {
                    // Info findings never page: the noise report judges what reaches people.
                    continue;
                }

                var severity = name == "critical" ? Severity.Critical : Severity.Warning;
                episodes.Add(new NoiseEpisode("-", root.GetProperty("rule").GetString() ?? throw new InvalidDataException("rule is null"), "-", Time(root.GetProperty("start")), end, severity));
            }
            catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or InvalidDataException)
            {
                throw new InvalidDataException($"line {number}: not a backtest episode ({ex.Message})", ex);
            }
        }

        return episodes;
    }

    private static DateTimeOffset Time(JsonElement e) =>
        DateTimeOffset.Parse(e.GetString() ?? throw new FormatException("time is null"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
