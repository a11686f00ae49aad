namespace ChatOpsWatch.Domain.Alerts;

/// <summary>The state machine of a <see cref="ThresholdRule"/>: None → Warning → Critical and back.</summary>
public static class ThresholdEvaluator
{
    public static AlertTransition Step(ThresholdRule rule, AlertState state, double value, DateTimeOffset now)
    {
        var warningStreak = value > rule.Warning ? state.WarningStreak + 1 : 0;
        var criticalStreak = value > rule.Critical ? state.CriticalStreak + 1 : 0;

        var target = Target(rule, state.Severity, value, warningStreak, criticalStreak);
        var next = state with
        {
            Severity = target,
            WarningStreak = warningStreak,
            CriticalStreak = criticalStreak,
            LastValue = value,
            UpdatedAt = now,
            FiringSince = target == Severity.None ? null : state.FiringSince ?? now,
        };

        return new AlertTransition(state, next, ReasonFor(state.Severity, target));
    }

    private static Severity Target(ThresholdRule rule, Severity current, double value, int warningStreak, int criticalStreak)
    {
        if (criticalStreak >= rule.CriticalFor || (current == Severity.Critical && value > rule.Critical))
        {
            return Severity.Critical;
        }

        // Once firing, a single sample still past the warning threshold keeps it firing: the streak
        // requirement guards the way in, not the way out.
        if (warningStreak >= rule.WarningFor || (current != Severity.None && value > rule.Warning))
        {
            return Severity.Warning;
        }

        return Severity.None;
    }

    /// <summary>Why a change of severity is worth a message.</summary>
    public static NotifyReason ReasonFor(Severity from, Severity to) => (from, to) switch
    {
        _ when from == to => NotifyReason.None,
        (Severity.None, _) => NotifyReason.Fired,
        (_, Severity.None) => NotifyReason.Resolved,
        _ when to > from => NotifyReason.Escalated,
        _ => NotifyReason.DeEscalated,
    };
}
