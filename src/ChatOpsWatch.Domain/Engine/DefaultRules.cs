using ChatOpsWatch.Domain.Engine.Io;
using ChatOpsWatch.Domain.Engine.Shift;
using ChatOpsWatch.Domain.Indicators;

namespace ChatOpsWatch.Domain.Engine;

/// <summary>
/// The rules a series gets when none are configured (docs/alert-tiers.md has the table), as its indicator declares
/// them in <see cref="IndicatorCatalog"/>. Percentages of CPU and memory get a learned baseline with the seed's levels
/// as floors (so "95 % at 03:00 is the backup" is learned, and a quiet node never pages below 70 %); a filesystem's
/// fill level gets a fill forecast plus a static critical level; disk I/O queue depth and await get the early warning
/// of <see cref="IoTrendSource"/>. Every series but a fill level also gets the quiet info-tier
/// <see cref="ShiftSource"/>: the node behaving unlike itself, either direction, on a log scale for rates, latencies
/// and byte amounts. It never pages. A series the catalogue does not know gets only the shift, its scale read from its
/// unit suffix (<see cref="MetricKinds"/>): on heavy-tailed bytes and requests a floorless baseline paged 17-31 times a week.
/// </summary>
public static class DefaultRules
{
    public static IReadOnlyList<EngineRule> For(string metric)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(metric);
        var indicator = IndicatorCatalog.Find(metric);
        var declared = indicator?.Rules ?? IndicatorRules.ShiftOnly;
        var rules = new List<EngineRule>();
        if (declared.Trend is { } trend)
        {
            rules.Add(new($"{metric}:trend", IoTrendOptions.Timing, () => new IoTrendSource(trend)));
        }

        if (declared.Forecast)
        {
            rules.Add(new($"{metric}:forecast", new RuleTiming(TimeSpan.FromMinutes(10)), () => new DiskForecastSource(new ForecastOptions())));
        }

        if (declared.Full is { } full)
        {
            rules.Add(new($"{metric}:full", RuleTiming.Immediate, () => new ThresholdSource(full)));
        }

        if (declared.Baseline is { } baseline)
        {
            var sustained = new RuleTiming(TimeSpan.FromMinutes(5), KeepFiringFor: TimeSpan.FromMinutes(5));
            rules.Add(new($"{metric}:baseline", sustained, () => new BaselineSource(baseline)));
        }

        if (declared.Shift)
        {
            rules.Add(Shift(metric));
        }

        return rules;
    }

    /// <summary>The info-tier level-shift rule of a metric; its CUSUM does the "for", so the machine fires at once.</summary>
    public static EngineRule Shift(string metric)
    {
        var logScale = IndicatorCatalog.Find(metric) is { } indicator
            ? indicator.LogScale
            : MetricKinds.Of(metric) is MetricKind.Counter or MetricKind.Latency;
        var options = logScale ? ShiftOptions.Counter : ShiftOptions.Level;
        return new($"{metric}:shift", RuleTiming.Immediate, () => new ShiftSource(options), RuleTier.Info);
    }
}
