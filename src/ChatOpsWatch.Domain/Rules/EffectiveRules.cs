using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Domain.Nodes;

namespace ChatOpsWatch.Domain.Rules;

/// <summary>
/// The rules one node is judged by: the configured defaults, then every matching tag override (in configuration
/// order, so a later one wins a tie), then every matching node override. Most specific wins: node &gt; tag &gt; default.
/// A rule disabled by the last layer that mentions "Enabled" is left out, with the learned rules on its metric.
/// </summary>
public static class EffectiveRules
{
    public static MonitorSettings For(MonitorSettings settings, IReadOnlyList<RuleOverride> overrides, NodeInfo node)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(overrides);
        ArgumentNullException.ThrowIfNull(node);
        var matching = overrides.Where(o => o.Match.Matches(node)).OrderBy(o => o.Match.Specificity).ThenBy(o => o.Index).ToList();
        if (matching.Count == 0)
        {
            return settings;
        }

        var rules = new List<ThresholdRule>();
        foreach (var rule in settings.Rules)
        {
            var (effective, enabled) = Apply(rule, matching.Where(o => o.Rule == rule.Id), node.Interval);
            if (enabled)
            {
                rules.Add(effective);
            }
        }

        return settings with { Rules = rules };
    }

    /// <summary>One rule through its overrides, in order; also whether it is still enabled.</summary>
    public static (ThresholdRule Rule, bool Enabled) Apply(ThresholdRule rule, IEnumerable<RuleOverride> layers, TimeSpan interval)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(layers);
        var enabled = true;
        foreach (var o in layers)
        {
            var samples = o.For is { } f ? Samples(f, interval) : (int?)null;
            rule = rule with
            {
                Warning = o.Warning ?? rule.Warning,
                Critical = o.Critical ?? rule.Critical,
                WarningFor = samples ?? rule.WarningFor,
                CriticalFor = samples ?? rule.CriticalFor,
            };
            enabled = o.Enabled ?? enabled;
        }

        return (rule, enabled);
    }

    /// <summary>"For 10m" at a 30 s interval is 20 consecutive samples; never fewer than one.</summary>
    public static int Samples(TimeSpan duration, TimeSpan interval) =>
        interval <= TimeSpan.Zero ? 1 : Math.Max(1, (int)Math.Ceiling(duration / interval));
}
