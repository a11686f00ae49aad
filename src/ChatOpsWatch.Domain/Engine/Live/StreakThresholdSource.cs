using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Domain.Text;

namespace ChatOpsWatch.Domain.Engine.Live;

/// <summary>
/// A configured <see cref="ThresholdRule"/> as an engine source: a value strictly above a level counts, a rule
/// fires after <see cref="ThresholdRule.WarningFor"/> / <see cref="ThresholdRule.CriticalFor"/> consecutive
/// samples past its level, and a firing tier holds until the value falls to its recovery level
/// (<see cref="RecoveryOf"/>, 5 % below the trigger, unless <paramref name="recovery"/> sets it), so a value
/// wobbling around a threshold does not resolve and re-fire. The streaks are learned state: they are rebuilt by
/// the replay at start.
/// </summary>
public sealed class StreakThresholdSource(ThresholdRule rule, RecoveryLevels? recovery = null) : ISignalSource
{
    private static readonly RecoveryLevels Defaults = new();
    private readonly double _warningRecovery = (recovery ?? Defaults).WarningOf(rule);
    private readonly double _criticalRecovery = (recovery ?? Defaults).CriticalOf(rule);

    private int _warningStreak;
    private int _criticalStreak;
    private double _last;
    private Signal _signal;

    public static double RecoveryOf(double level) => level - (Math.Abs(level) * 0.05);

    public Signal Classify(double? value, DateTimeOffset now, Severity current)
    {
        if (value is not { } v || double.IsNaN(v))
        {
            // A missing sample neither breaks nor extends a streak.
            return _signal = Signal.Missing;
        }

        _last = v;
        _warningStreak = v > rule.Warning ? _warningStreak + 1 : 0;
        _criticalStreak = v > rule.Critical ? _criticalStreak + 1 : 0;
        if (_criticalStreak >= rule.CriticalFor || (current == Severity.Critical && v > _criticalRecovery))
        {
            return _signal = Signal.Critical;
        }

        return _signal = _warningStreak >= rule.WarningFor || (current >= Severity.Warning && v > _warningRecovery)
            ? Signal.Warning
            : Signal.Clear;
    }

    public string Describe(TextCatalog texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        return _signal switch
        {
            Signal.Critical => Over(texts, rule.Critical, rule.CriticalFor),
            Signal.Warning => Over(texts, rule.Warning, rule.WarningFor),
            _ => texts.Format("reason.streak.back", _last, _warningRecovery),
        };
    }

    private string Over(TextCatalog texts, double level, int samples) => samples > 1
        ? texts.Format("reason.streak.over_for", _last, level, samples)
        : texts.Format("reason.streak.over", _last, level);
}
