using ChatOpsWatch.Domain.Engine.Io;

namespace ChatOpsWatch.Domain.Engine;

/// <summary>
/// The rules a series gets when none are configured. Percentages of CPU and memory get a learned baseline
/// with the seed's levels as floors (so "95 % at 03:00 is the backup" is learned, and a quiet node never pages
/// below 70 %); disk gets a fill forecast plus a static critical level; any other metric gets the baseline
/// alone, with no floor, because its unit is unknown. Disk I/O queue depth and await get the early warning of
/// <see cref="IoTrendSource"/>.
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
            return [new($"{metric}:trend", IoTrendOptions.Timing, () => new IoTrendSource(IoTrendOptions.For(metric)))];
        }

        // disk.io.* are rates and latencies, not a fill level: "full" means nothing for them.
        var io = name.StartsWith("DISK.IO.", StringComparison.Ordinal);
        if (!io && (name.Contains("DISK", StringComparison.Ordinal) || name.Contains("INODE", StringComparison.Ordinal)))
        {
            return
            [
                new($"{metric}:forecast", new RuleTiming(TimeSpan.FromMinutes(10)), () => new DiskForecastSource(new ForecastOptions())),
                new($"{metric}:full", RuleTiming.Immediate, () => new ThresholdSource(new Levels(Direction.Above, 95, 98, 93, 97))),
            ];
        }

        if (name.Contains("CPU", StringComparison.Ordinal) || name.Contains("MEM", StringComparison.Ordinal))
        {
            return [new($"{metric}:baseline", sustained, () => new BaselineSource(new BaselineOptions(Floor: 70, CriticalFloor: 90)))];
        }

        return [new($"{metric}:baseline", sustained, () => new BaselineSource(new BaselineOptions()))];
    }
}
