using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Domain.Engine.Live;
using ChatOpsWatch.Domain.Samples;

namespace ChatOpsWatch.Domain.Engine.Reports;

/// <summary>What one node × series learned, per hour of the day, next to the static rule on its metric.
/// <c>LiveRule</c> is false when the metric has no learned rule live and the backtest default was used.</summary>
public sealed record SeriesBaseline(string Node, string Series, string RuleId, bool LiveRule, BaselineOptions Options, IReadOnlyList<HourLevels> Hours, ThresholdRule? Static);

/// <summary>The band live will use during one hour of the day (UTC), and the levels it warns and goes critical at.</summary>
public sealed record HourLevels(int Hour, BaselineBand Band, double? Warning, double? Critical);

/// <summary>
/// Learns the hour-of-day baselines of stored samples exactly as the live engine warms up: the same
/// <see cref="LiveRule.For"/> rules, the same <see cref="BaselineSource"/> code, samples in time order per node.
/// Metrics named in <paramref name="extraMetrics"/> that have no learned rule live get the backtest's default
/// baseline (no floor: their unit is unknown), so bytes or requests can be inspected too.
/// </summary>
public sealed class BaselineLearner(MonitorSettings settings, EngineOptions options, Func<string, bool> wanted, IReadOnlySet<string> extraMetrics)
{
    private readonly Dictionary<string, IReadOnlyList<(string Id, bool Live, Func<ISignalSource> New)>> _rules = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Node, string Series, string Rule), (BaselineSource Source, bool Live)> _sources = [];

    public int SeriesCount => _sources.Count;

    public void Learn(Sample sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        foreach (var (key, value) in sample.Values)
        {
            if (!wanted(key))
            {
                continue;
            }

            foreach (var (id, live, make) in RulesFor(key))
            {
                if (!_sources.TryGetValue((sample.Node, key, id), out var entry))
                {
                    _sources[(sample.Node, key, id)] = entry = ((BaselineSource)make(), live);
                }

                entry.Source.Classify(value, sample.At, Severity.None);
            }
        }
    }

    /// <summary>Per series, the next 24 hours from <paramref name="now"/> as live would judge them, by node then series.</summary>
    public IReadOnlyList<SeriesBaseline> Report(DateTimeOffset now)
    {
        var start = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerHour), TimeSpan.Zero);
        var result = new List<SeriesBaseline>();
        foreach (var ((node, series, rule), (source, live)) in _sources.OrderBy(s => s.Key.Node, StringComparer.Ordinal).ThenBy(s => s.Key.Series, StringComparer.Ordinal))
        {
            source.Classify(null, now, Severity.None); // closes the last hour, as the next poll would
            var hours = Enumerable.Range(0, 24)
                .Select(k => start.AddHours(k))
                .Select(at => (At: at, Levels: source.LevelsAt(at)))
                .Select(h => new HourLevels(h.At.Hour, h.Levels.Band, h.Levels.Warning, h.Levels.Critical))
                .OrderBy(h => h.Hour)
                .ToList();
            var metric = MetricKey.NameOf(series);
            result.Add(new SeriesBaseline(node, series, rule, live, source.Options, hours, settings.Rules.FirstOrDefault(r => r.Metric == metric)));
        }

        return result;
    }

    private IReadOnlyList<(string Id, bool Live, Func<ISignalSource> New)> RulesFor(string key)
    {
        if (_rules.TryGetValue(key, out var rules))
        {
            return rules;
        }

        var metric = MetricKey.NameOf(key);
        rules = [.. LiveRule.For(key, settings, options).Where(r => r.NewSource() is BaselineSource).Select(r => (r.Id, true, r.NewSource))];
        if (rules.Count == 0 && extraMetrics.Contains(metric))
        {
            // A metric of no known unit gets no paging baseline by default any more; learned on request, with no floor.
            rules = [($"{metric}:baseline", false, () => new BaselineSource(new BaselineOptions()))];
        }

        return _rules[key] = rules;
    }
}
