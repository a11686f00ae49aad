using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Domain.Samples;

namespace ChatOpsWatch.Domain.Commands;

/// <summary>The warning and critical levels a chart draws for a series: those of the configured rule on its metric name.</summary>
public sealed record ChartThresholds(double? Warning, double? Critical)
{
    public static ChartThresholds None { get; } = new(null, null);

    public static ChartThresholds For(string series, IReadOnlyList<ThresholdRule> rules)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(rules);
        var name = MetricKey.NameOf(series);
        return rules.FirstOrDefault(r => r.Metric == name) is { } rule ? new(rule.Warning, rule.Critical) : None;
    }
}
