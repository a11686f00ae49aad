using System.Globalization;
using System.Text.RegularExpressions;

namespace ChatOpsWatch.Domain.Time;

/// <summary>Durations as people write them in config and chat: "30s", "5m", "1h30m", "2d", or "00:05:00".</summary>
public static partial class DurationText
{
    public static bool TryParse(string? text, out TimeSpan value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        text = text.Trim();
        if (text.Contains(':', StringComparison.Ordinal))
        {
            return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out value) && value > TimeSpan.Zero;
        }

        var match = Pattern().Match(text);
        if (!match.Success)
        {
            return false;
        }

        var total = TimeSpan.Zero;
        foreach (Capture part in match.Groups["part"].Captures)
        {
            var unit = part.Value[^1];
            if (!long.TryParse(part.Value[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n > 100_000)
            {
                return false;
            }

            total += unit switch
            {
                's' => TimeSpan.FromSeconds(n),
                'm' => TimeSpan.FromMinutes(n),
                'h' => TimeSpan.FromHours(n),
                _ => TimeSpan.FromDays(n),
            };
        }

        value = total;
        return total > TimeSpan.Zero;
    }

    public static string Format(TimeSpan d) =>
        d.TotalSeconds < 60 || d.Seconds != 0 ? $"{(long)d.TotalSeconds}s"
        : d.TotalMinutes < 60 || d.Minutes != 0 ? $"{(long)d.TotalMinutes}m"
        : d.TotalHours < 24 || d.Hours != 0 ? $"{(long)d.TotalHours}h"
        : $"{(long)d.TotalDays}d";

    [GeneratedRegex("^(?<part>[0-9]{1,6}[smhd])+$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
