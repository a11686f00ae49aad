using System.Globalization;
using ChatOpsWatch.Domain.Notifications;
using ChatOpsWatch.Domain.Text;

namespace ChatOpsWatch.Domain.Commands;

/// <summary>The caption under a chart: what it shows and the range's low, high and latest value. Pure; far under 1,024 characters.</summary>
public static class ChartCaption
{
    /// <summary>The chart's title: "web-1 · cpu.busy_pct · 24h" (plain text, drawn into the image).</summary>
    public static string Title(string node, string series, ChartRange range)
    {
        ArgumentNullException.ThrowIfNull(range);
        return $"{node} · {series} · {range.Name}";
    }

    public static string Format(string node, string series, ChartRange range, IReadOnlyList<SeriesPoint> points, ChartThresholds levels, TextCatalog text)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(levels);
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfZero(points.Count);
        var caption = text.Format(
            "chart.caption",
            Html.Escape(node),
            Html.Escape(series),
            range.Name,
            Num(points.Min(p => p.Value)),
            Num(points.Max(p => p.Value)),
            Num(points[^1].Value),
            points[^1].At.UtcDateTime);
        if (levels.Warning is not null || levels.Critical is not null)
        {
            caption += "\n" + text.Format("chart.levels", Num(levels.Warning), Num(levels.Critical));
        }

        return caption;
    }

    private static string Num(double? v) => v is null ? "–" : v.Value.ToString("0.##", CultureInfo.InvariantCulture);
}
