using ChatOpsWatch.Domain.Engine.Io;
using ChatOpsWatch.Domain.Engine.Shift;

namespace ChatOpsWatch.Domain.Engine;

/// <summary>
/// The rules a series gets when none are configured (docs/alert-tiers.md has the table). Percentages of CPU and
/// memory get a learned baseline with the seed's levels as floors (so "95 % at 03:00 is the backup" is learned, and
/// a quiet node never pages below 70 %); disk gets a fill forecast plus a static critical level; disk I/O queue
/// depth and await get the early warning of <see cref="IoTrendSource"/>. Every series but a filesystem's fill level
/// also gets the quiet info-tier <see cref="ShiftSource"/>: the node behaving unlike itself, either direction, on a
/// log scale for counters and latencies. It never pages; the paging tiers above are unchanged. A counter or an
/// unknown unit no longer gets a floorless baseline: on heavy-tailed bytes and requests it paged 17-31 times a week.
/// </summary>
public static class DefaultRules
{
    public static IReadOnlyList<EngineRule> For(string metric)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(metric);
        var name = metric.ToUpperInvariant();
        var sustained = new RuleTiming(TimeSpan.FromMinutes(5), KeepFiringFor: TimeSpan.FromMinutes(5));
        if (IoTrendOptions.Watches(metric))
        {
            return [new($"{metric}:trend", IoTrendOptions.Timing, () => new IoTrendSource(IoTrendOptions.For(metric))), Shift(metric)];
        }

        // disk.io.* are rates and latencies, not a fill level: "full" means nothing for them.
        var io = name.StartsWith("DISK.IO.", StringComparison.Ordinal);
        if (!io && (name.Contains("DISK", StringComparison.Ordinal) || name.Contains("INODE", StringComparison.Ordinal)))
        {
            // A fill level only grows and is cleaned up in steps: the forecast is its early warning, a shift is not news.
            return
            [
                new($"{metric}:forecast", new RuleTiming(TimeSpan.FromMinutes(10)), () => new DiskForecastSource(new ForecastOptions())),
                new($"{metric}:full", RuleTiming.Immediate, () => new ThresholdSource(new Levels(Direction.Above, 95, 98, 93, 97))),
            ];
        }

        if (name.Contains("CPU", StringComparison.Ordinal) || name.Contains("MEM", StringComparison.Ordinal))
        {
            return [new($"{metric}:baseline", sustained, () => new BaselineSource(new BaselineOptions(Floor: 70, CriticalFloor: 90))), Shift(metric)];
        }

        return [Shift(metric)];
    }

    /// <summary>The info-tier level-shift rule of a metric; its CUSUM does the "for", so the machine fires at once.</summary>
    public static EngineRule Shift(string metric)
    {
        var options = MetricKinds.Of(metric) is MetricKind.Counter or MetricKind.Latency ? ShiftOptions.Counter : ShiftOptions.Level;
        return new($"{metric}:shift", RuleTiming.Immediate, () => new ShiftSource(options), RuleTier.Info);
    }
}
