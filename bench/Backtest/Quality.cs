using System.Globalization;
using System.Text;
using ChatOpsWatch.Domain.Engine;

namespace ChatOpsWatch.Bench;

/// <summary>
/// Alert quality on the synthetic trace, whose incidents are known: every 9th day a 2-hour saturation from
/// 14:00. An episode overlapping an incident is true, any other is false; the first 7 days (learning) count too.
/// </summary>
internal static class Quality
{
    public static void Report(StringBuilder report, DateTimeOffset start, long[] times, double[] values)
    {
        var days = (times[^1] - times[0]) / (double)TimeSpan.TicksPerDay;
        var incidents = Enumerable.Range(0, (int)days).Where(d => d % 9 == 8).Select(d => start.AddDays(d).AddHours(14)).ToList();
        var rules = new (string Name, IReadOnlyList<EngineRule> Rules)[]
        {
            ("seed: >70 % warning at once, >85 % critical", [Static("seed", TimeSpan.Zero)]),
            ("seed fix: sustained 10 minutes", [Static("sustained", TimeSpan.FromMinutes(10))]),
            ("engine default (learned baseline, floor 70 %, for 5m; + info level shift)", DefaultRules.For("cpu.busy_pct")),
        };
        report.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"## Alert quality on the same trace ({days:N0} days, {incidents.Count} incidents, nightly 40-minute backup at 95 %)").AppendLine();
        report.AppendLine("| rules | episodes | false episodes / week | incidents caught | median delay after onset |").AppendLine("|---|---:|---:|---:|---:|");
        foreach (var (name, set) in rules)
        {
            var episodes = Replay(set, times, values);
            var delays = new List<double>();
            var falses = 0;
            foreach (var e in episodes)
            {
                var hit = incidents.FirstOrDefault(i => e.Start < i.AddHours(2) && (e.End ?? DateTimeOffset.MaxValue) > i);
                if (hit == default)
                {
                    falses++;
                }
                else
                {
                    delays.Add((e.Start - hit).TotalMinutes);
                }
            }

            var caught = incidents.Count(i => episodes.Any(e => e.Start < i.AddHours(2) && (e.End ?? DateTimeOffset.MaxValue) > i));
            delays.Sort();
            var delay = delays.Count == 0 ? "-" : $"{delays[delays.Count / 2]:0} min";
            report.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {episodes.Count} | {falses / (days / 7):0.00} | {caught} of {incidents.Count} | {delay} |");
        }
    }

    private static EngineRule Static(string id, TimeSpan forDuration) =>
        new(id, new RuleTiming(forDuration), () => new ThresholdSource(new Levels(Direction.Above, 70, 85)));

    public static List<AlertEpisode> Replay(IReadOnlyList<EngineRule> rules, long[] times, double[] values)
    {
        var backtest = new Backtest(rules, TimeSpan.FromSeconds(10));
        var episodes = new List<AlertEpisode>();
        for (var i = 0; i < times.Length; i++)
        {
            backtest.Observe(new DateTimeOffset(times[i], TimeSpan.Zero), values[i], episodes);
        }

        episodes.AddRange(backtest.Open());
        return episodes;
    }
}
