using ChatOpsWatch.Domain.Alerts;

namespace ChatOpsWatch.Domain.Engine.Live;

/// <summary>
/// Engine settings that <see cref="MonitorSettings"/> does not carry: recovery levels per threshold rule id, and
/// whether the disk I/O early warning watches every device. Kept apart so rule overrides and these evolve
/// separately; replaced whole on a configuration reload.
/// </summary>
public sealed record EngineOptions(IReadOnlyDictionary<string, RecoveryLevels> Recovery, bool IoEarlyWarning = true)
{
    public static EngineOptions Default { get; } = new(new Dictionary<string, RecoveryLevels>(StringComparer.Ordinal));

    public RecoveryLevels? RecoveryOf(string ruleId) => Recovery.TryGetValue(ruleId, out var r) ? r : null;
}

/// <summary>
/// Where a firing threshold rule clears (hysteresis), in the metric's unit: explicit levels, or a margin below
/// each trigger level. Unset: 5 % below the trigger (<see cref="StreakThresholdSource.RecoveryOf"/>).
/// </summary>
public sealed record RecoveryLevels(double? Warning = null, double? Critical = null, double? Margin = null)
{
    public double WarningOf(ThresholdRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return Warning ?? (Margin is { } m ? rule.Warning - m : StreakThresholdSource.RecoveryOf(rule.Warning));
    }

    public double CriticalOf(ThresholdRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return Critical ?? (Margin is { } m ? rule.Critical - m : StreakThresholdSource.RecoveryOf(rule.Critical));
    }

    /// <summary>Threshold rules fire above their levels, so a recovery level must lie at or below its trigger.</summary>
    public IEnumerable<(string Field, string Message)> Problems(ThresholdRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        if (Margin is { } m && m < 0)
        {
            yield return (nameof(Margin), $"must not be negative (it is subtracted from the trigger levels), got {m}");
        }

        if (Margin is not null && (Warning is not null || Critical is not null))
        {
            yield return (nameof(Margin), "give either Margin or Warning/Critical recovery levels, not both");
        }

        if (Warning is { } w && w > rule.Warning)
        {
            yield return (nameof(Warning), $"must be at or below the rule's warning level ({rule.Warning}) so the alert clears on the healthy side, got {w}");
        }

        if (Critical is { } c && c > rule.Critical)
        {
            yield return (nameof(Critical), $"must be at or below the rule's critical level ({rule.Critical}) so the alert clears on the healthy side, got {c}");
        }
    }
}
