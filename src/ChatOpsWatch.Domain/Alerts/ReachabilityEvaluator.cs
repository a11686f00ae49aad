namespace ChatOpsWatch.Domain.Alerts;

/// <summary>
/// A node is unreachable (critical) after <c>failuresBeforeDown</c> consecutive failed polls, or at once when the loss
/// is confirmed (its open session stopped answering and a fresh connect failed too), and recovers on the first
/// successful poll. One unconfirmed failed poll alone is a blip, not an alert.
/// </summary>
public static class ReachabilityEvaluator
{
    public const string RuleId = "unreachable";
    public const string Series = "node.reachable";

    public static AlertTransition Step(AlertState state, bool pollSucceeded, int failuresBeforeDown, DateTimeOffset now, bool confirmed = false)
    {
        var streak = pollSucceeded ? 0 : state.CriticalStreak + 1;
        var target = pollSucceeded ? Severity.None
            : streak >= failuresBeforeDown || confirmed ? Severity.Critical
            : state.Severity;

        var next = state with
        {
            Severity = target,
            CriticalStreak = streak,
            WarningStreak = streak,
            LastValue = pollSucceeded ? 1 : 0,
            UpdatedAt = now,
            FiringSince = target == Severity.None ? null : state.FiringSince ?? now,
        };

        return new AlertTransition(state, next, AlertTransition.ReasonFor(state.Severity, target));
    }
}
