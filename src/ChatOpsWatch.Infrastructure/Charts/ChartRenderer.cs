using ChatOpsWatch.Domain.Commands;
using ScottPlot;

namespace ChatOpsWatch.Infrastructure.Charts;

/// <summary>
/// Draws one series as a PNG with ScottPlot (SkiaSharp, headless: no display or system libraries needed beyond
/// the native assets the package brings). The time axis is UTC; the warning and critical levels are dashed lines.
/// </summary>
public static class ChartRenderer
{
    public const int Width = 800;
    public const int Height = 400;

    private static readonly Color Warning = Color.FromHex("#F0A000");
    private static readonly Color Critical = Color.FromHex("#D62728");

    /// <param name="title">Plain text drawn above the plot: node · series · range.</param>
    /// <param name="points">At least one point, oldest first (already downsampled).</param>
    /// <param name="levels">The warning and critical levels to draw, when known.</param>
    /// <param name="from">The left edge of the time axis.</param>
    /// <param name="to">The right edge of the time axis (now).</param>
    public static byte[] RenderPng(string title, IReadOnlyList<SeriesPoint> points, ChartThresholds levels, DateTimeOffset from, DateTimeOffset to)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(levels);
        ArgumentOutOfRangeException.ThrowIfZero(points.Count);
        using var plot = new Plot();
        var xs = points.Select(p => p.At.UtcDateTime.ToOADate()).ToArray();
        var ys = points.Select(p => p.Value).ToArray();
        var line = plot.Add.Scatter(xs, ys);
        line.MarkerSize = points.Count == 1 ? 6 : 0;
        line.LineWidth = 1.5f;
        Level(plot, levels.Warning, Warning);
        Level(plot, levels.Critical, Critical);

        // ISO-like labels whatever the process culture: "11-24 14:00" over a week, "14:30" within a day.
        var format = to - from > TimeSpan.FromDays(1) ? "MM-dd HH:mm" : "HH:mm";
        plot.Axes.DateTimeTicksBottom().TickGenerator = new ScottPlot.TickGenerators.DateTimeAutomatic
        {
            LabelFormatter = t => t.ToString(format, System.Globalization.CultureInfo.InvariantCulture),
        };
        plot.Axes.SetLimitsX(from.UtcDateTime.ToOADate(), to.UtcDateTime.ToOADate());
        var low = Math.Min(ys.Min(), levels.Warning ?? double.MaxValue);
        var high = Math.Max(ys.Max(), levels.Critical ?? levels.Warning ?? double.MinValue);
        var pad = Math.Max((high - low) * 0.08, 0.5);
        plot.Axes.SetLimitsY(low - pad, high + pad);
        plot.Title(title);
        plot.XLabel("UTC");
        return plot.GetImageBytes(Width, Height, ImageFormat.Png);
    }

    private static void Level(Plot plot, double? value, Color color)
    {
        if (value is { } y)
        {
            var line = plot.Add.HorizontalLine(y);
            line.Color = color;
            line.LineWidth = 1.5f;
            line.LinePattern = LinePattern.Dashed;
        }
    }
}
