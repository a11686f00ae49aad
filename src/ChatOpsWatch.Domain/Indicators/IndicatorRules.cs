using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Domain.Engine;
using ChatOpsWatch.Domain.Engine.Io;

namespace ChatOpsWatch.Domain.Indicators;

/// <summary>
/// The rules an indicator's series get when none are configured (docs/alert-tiers.md), in the order
/// <see cref="DefaultRules"/> builds them: I/O trend, fill forecast, static "full" level, learned baseline, shift.
/// <see cref="Seed"/> is the configured threshold rule it has out of the box (Alerts:Rules may override it); an
/// indicator with a seed also gets its other rules live, the others only in backtests and the quality corpus.
/// </summary>
public sealed record IndicatorRules
{
    /// <summary>Only the quiet info-tier shift: the node behaving unlike itself. Never pages.</summary>
    public static IndicatorRules ShiftOnly { get; } = new();

    /// <summary>Percentages of CPU and memory: a learned hour-of-day baseline with the seed's levels as floors, plus the shift.</summary>
    public static IndicatorRules LearnedBaseline { get; } = new() { Baseline = new BaselineOptions(Floor: 70, CriticalFloor: 90) };

    /// <summary>A filesystem's fill level: the forecast is its early warning, a static level its last word; a shift is not news.</summary>
    public static IndicatorRules FillLevel { get; } = new() { Forecast = true, Full = new Levels(Direction.Above, 95, 98, 93, 97), Shift = false };

    /// <summary>Disk I/O queue depth and await: the early warning of a steady climb past <paramref name="floor"/>, plus the shift.</summary>
    public static IndicatorRules IoTrend(double floor) => new() { Trend = new IoTrendOptions(floor) };

    public IoTrendOptions? Trend { get; init; }

    public bool Forecast { get; init; }

    /// <summary>Warning, critical and their recovery levels of the static "full" rule.</summary>
    public Levels? Full { get; init; }

    public BaselineOptions? Baseline { get; init; }

    public bool Shift { get; init; } = true;

    /// <summary>The threshold rule the indicator ships with, and the title that rule carries in each language.</summary>
    public ThresholdRule? Seed { get; init; }

    public Text.TextEntry? SeedTitle { get; init; }

    /// <summary>
    /// The seed rule (and an operator's rule of the same id) judges the mean over this window instead of single
    /// samples (<see cref="Engine.Live.WindowMeanSource"/>); null: each sample.
    /// </summary>
    public TimeSpan? SeedWindow { get; init; }
}
