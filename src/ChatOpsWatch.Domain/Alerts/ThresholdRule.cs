namespace ChatOpsWatch.Domain.Alerts;

/// <summary>
/// A two-tier "value above threshold" rule applied to every metric key whose name is <see cref="Metric"/>.
/// <see cref="WarningFor"/> and <see cref="CriticalFor"/> are the consecutive samples needed past each
/// threshold (the seed's "5 consecutive samples above 85 %" is CriticalFor = 5). The alert clears
/// when a sample is at or below <see cref="Warning"/>.
/// </summary>
public sealed record ThresholdRule(
    string Id,
    string Metric,
    string Title,
    double Warning,
    int WarningFor,
    double Critical,
    int CriticalFor)
{
    /// <summary>The seed's defaults: the seed rule of each indicator that has one, in catalogue order (cpu, memory, disk, ...).</summary>
    public static IReadOnlyList<ThresholdRule> Defaults => Indicators.IndicatorCatalog.Seeds;

    /// <summary>What the rule watches for: a level (the default), a rate of change, absence, or deviation from the learned baseline.</summary>
    public RuleKind Kind { get; init; } = RuleKind.Threshold;

    /// <summary>Above (the default): values past the levels upwards are bad; Below: free space, hit rates and the like.</summary>
    public Engine.Direction Direction { get; init; } = Engine.Direction.Above;

    /// <summary>Rate rules: the span the change is measured over; the levels are per second. Default 5 minutes.</summary>
    public TimeSpan? Window { get; init; }

    /// <summary>Baseline rules: how many robust spreads past the hour's learned high count as unusual (default 3).</summary>
    public double Tolerance { get; init; } = 3;

    /// <summary>Every problem with this rule, as (field, message) pairs; empty when valid.</summary>
    public IEnumerable<(string Field, string Message)> Problems()
    {
        if (string.IsNullOrWhiteSpace(Id))
        {
            yield return (nameof(Id), "is required");
        }

        if (string.IsNullOrWhiteSpace(Metric))
        {
            yield return (nameof(Metric), "is required");
        }

        // A rate may fall (negative per second); a level of a percentage or a count may not, nor pass 100 %.
        foreach (var (field, level) in new[] { (nameof(Warning), Warning), (nameof(Critical), Critical) })
        {
            if (Kind != RuleKind.Rate && level < 0)
            {
                yield return (field, $"must not be negative, got {level}");
            }
            else if (Kind != RuleKind.Rate && level > 100 && Samples.MetricNames.IsPercent(Metric))
            {
                yield return (field, $"is a percentage of {Metric}: 0 to 100, got {level}");
            }
        }

        if (Kind is RuleKind.Threshold or RuleKind.Rate && Direction == Engine.Direction.Above && Critical < Warning)
        {
            yield return (nameof(Critical), $"must be at least Warning ({Warning}), got {Critical}");
        }

        if (Kind is RuleKind.Threshold or RuleKind.Rate && Direction == Engine.Direction.Below && Critical > Warning)
        {
            yield return (nameof(Critical), $"must be at most Warning ({Warning}) for a rule with Direction below, got {Critical}");
        }

        if (Window is { } w && (Kind != RuleKind.Rate || w <= TimeSpan.Zero))
        {
            yield return (nameof(Window), Kind != RuleKind.Rate ? "only applies to rules of Kind rate" : $"must be positive, got {w}");
        }

        if (Tolerance is <= 0 or > 100 || double.IsNaN(Tolerance))
        {
            yield return (nameof(Tolerance), $"must be above 0 and at most 100 spreads, got {Tolerance}");
        }

        if (WarningFor < 1)
        {
            yield return (nameof(WarningFor), $"must be 1 or more samples, got {WarningFor}");
        }

        if (CriticalFor < 1)
        {
            yield return (nameof(CriticalFor), $"must be 1 or more samples, got {CriticalFor}");
        }
    }
}

/// <summary>The kinds of configured rules (Alerts:Rules:N:Kind).</summary>
public enum RuleKind
{
    /// <summary>The value past Warning / Critical (in Direction) for WarningFor / CriticalFor consecutive samples.</summary>
    Threshold,

    /// <summary>The change per second, measured over Window, past Warning / Critical (in Direction).</summary>
    Rate,

    /// <summary>The series stops arriving (a process metric that vanished, a check no longer answering): critical.</summary>
    Absence,

    /// <summary>Unusual for this hour (past the learned high by Tolerance spreads) and past Warning (the floor); Critical is the critical floor.</summary>
    Baseline,
}
