using System.Globalization;
using System.Text;
using ChatOpsWatch.Domain.Engine;
using ChatOpsWatch.Domain.Probing;

namespace ChatOpsWatch.Bench;

/// <summary>
/// The disk I/O early warning on a synthetic queue-depth trace with known incidents: 0.3 in flight with ±15 % noise,
/// a nightly backup that ramps the queue to 8 from 02:00 to 02:40, a 2-minute burst to 12 every 3 hours, and every
/// 6th day from 14:00 a steady 40-minute climb to saturation (16) that then stays saturated for 30 minutes. An
/// episode overlapping a climb or its saturation is true, any other false; lead = saturation time − episode start.
/// </summary>
internal static class IoQuality
{
    private const double Saturated = 16;

    public static (long[] Ticks, double[] Values) Trace(DateTimeOffset start, int days, TimeSpan step)
    {
        var random = new Random(17);
        var count = (int)(TimeSpan.FromDays(days) / step);
        var ticks = new long[count];
        var values = new double[count];
        for (var i = 0; i < count; i++)
        {
            var t = start + (step * i);
            var minute = t.TimeOfDay.TotalMinutes;
            var day = (t - start).Days;
            var level = day % 6 == 5 && minute is >= 840 and < 910 ? Math.Min(Saturated, 0.3 + ((minute - 840) * (Saturated - 0.3) / 40))
                : minute is >= 120 and < 160 ? 0.3 + ((minute - 120) * 7.7 / 40)
                : minute % 180 is >= 70 and < 72 ? 12
                : 0.3;
            ticks[i] = t.UtcTicks;
            values[i] = level * (1 + ((random.NextDouble() - 0.5) * 0.3));
        }

        return (ticks, values);
    }

    public static void Report(StringBuilder report, DateTimeOffset start, int days)
    {
        var (times, values) = Trace(start, days, TimeSpan.FromSeconds(10));
        var incidents = Enumerable.Range(0, days).Where(d => d % 6 == 5).Select(d => start.AddDays(d).AddHours(14)).ToList();
        var rules = new (string Name, IReadOnlyList<EngineRule> Rules)[]
        {
            ("static: queue > 4 at once", [Static("static", TimeSpan.Zero)]),
            ("static: queue > 4 sustained 10 minutes", [Static("sustained", TimeSpan.FromMinutes(10))]),
            ("engine default (I/O early warning)", DefaultRules.For(SystemMetricNames.DiskIoQueue)),
        };
        report.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"## Disk I/O early warning on a synthetic queue trace ({days} days, {incidents.Count} climbs to saturation, nightly backup ramp, 2-minute bursts every 3 h)").AppendLine();
        report.AppendLine("| rules | episodes | false episodes / week | climbs caught | median lead before saturation |").AppendLine("|---|---:|---:|---:|---:|");
        foreach (var (name, set) in rules)
        {
            var episodes = Quality.Replay(set, times, values);
            bool Overlaps(AlertEpisode e, DateTimeOffset i) => e.Start < i.AddMinutes(70) && (e.End ?? DateTimeOffset.MaxValue) > i;
            var falses = episodes.Count(e => !incidents.Any(i => Overlaps(e, i)));
            var leads = incidents.Select(i => episodes.Where(e => Overlaps(e, i)).Select(e => (i.AddMinutes(40) - e.Start).TotalMinutes).DefaultIfEmpty(double.NaN).Max())
                .Where(l => !double.IsNaN(l)).Order().ToList();
            var lead = leads.Count == 0 ? "-" : $"{leads[leads.Count / 2]:0} min";
            report.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {episodes.Count} | {falses / (days / 7.0):0.00} | {leads.Count} of {incidents.Count} | {lead} |");
        }
    }

    private static EngineRule Static(string id, TimeSpan forDuration) =>
        new(id, new RuleTiming(forDuration), () => new ThresholdSource(new Levels(Direction.Above, 4)));
}
