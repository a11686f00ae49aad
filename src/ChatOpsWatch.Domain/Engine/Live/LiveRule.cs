using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Domain.Samples;

namespace ChatOpsWatch.Domain.Engine.Live;

/// <summary>
/// One rule the live engine applies to a series. <see cref="Definition"/> is what the rule was built from
/// (a configured <see cref="ThresholdRule"/> or a default rule's id): when it changes on a configuration
/// reload the series gets a fresh source but keeps its lifecycle state.
/// </summary>
public sealed record LiveRule(string Id, string Title, RuleTiming Timing, Func<ISignalSource> NewSource, object Definition)
{
    /// <summary>
    /// The rules of one metric: every configured threshold rule on it (the seed's CPU/memory/disk defaults unless
    /// Alerts:Rules overrides them), plus the learned rules <see cref="DefaultRules"/> gives that metric (hour-of-day
    /// baseline for CPU and memory, fill forecast for disk). DefaultRules' static "full" level is left out: the
    /// configured disk threshold is that rule. Learned rules only apply to metrics some threshold rule watches.
    /// </summary>
    public static IReadOnlyList<LiveRule> For(string metricKey, MonitorSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var metric = MetricKey.NameOf(metricKey);
        var rules = new List<LiveRule>();
        foreach (var rule in settings.Rules.Where(r => r.Metric == metric))
        {
            rules.Add(new LiveRule(rule.Id, rule.Title, Threshold, () => new StreakThresholdSource(rule), rule));
        }

        if (rules.Count == 0 || !Learned(metric))
        {
            return rules;
        }

        var title = rules[0].Title;
        foreach (var learned in DefaultRules.For(metric).Where(r => !r.Id.EndsWith(":full", StringComparison.Ordinal)))
        {
            var kind = learned.Id[(learned.Id.LastIndexOf(':') + 1)..];
            rules.Add(new LiveRule(learned.Id, $"{title} ({kind})", learned.Timing, learned.NewSource, learned.Id));
        }

        return rules;
    }

    /// <summary>Streaks do the "for": the machine fires on the first held signal and resolves at once below the recovery level.</summary>
    public static RuleTiming Threshold { get; } = RuleTiming.Immediate;

    private static bool Learned(string metric) =>
        metric is MetricNames.CpuBusyPct or MetricNames.MemUsedPct or MetricNames.DiskUsedPct;
}
