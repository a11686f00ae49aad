using ChatOpsWatch.Domain.Alerts;

namespace ChatOpsWatch.Domain.Tests.Alerts;

public class ThresholdEvaluatorTests
{
    private static readonly ThresholdRule Cpu = ThresholdRule.Defaults.Single(r => r.Id == "cpu");

    private static void Run((int Minute, double Value, Severity Expected, NotifyReason Reason)[] timeline, ThresholdRule rule)
    {
        var state = AlertState.Initial("n", rule.Id, rule.Metric, Some.T0);
        foreach (var (minute, value, expected, reason) in timeline)
        {
            var t = ThresholdEvaluator.Step(rule, state, value, Some.At(minute));
            Assert.True(expected == t.Next.Severity, $"minute {minute}: expected {expected}, got {t.Next.Severity}");
            Assert.True(reason == t.Reason, $"minute {minute}: expected {reason}, got {t.Reason}");
            state = t.Next;
        }
    }

    [Fact]
    public void Step_SeedCpuRule_WarnsAbove70AndEscalatesAfterFiveSamplesAbove85()
    {
        Run(
        [
            (0, 50, Severity.None, NotifyReason.None),
            (1, 75, Severity.Warning, NotifyReason.Fired),        // > 70: warning at once
            (2, 90, Severity.Warning, NotifyReason.None),         // 1st sample > 85
            (3, 91, Severity.Warning, NotifyReason.None),
            (4, 92, Severity.Warning, NotifyReason.None),
            (5, 93, Severity.Warning, NotifyReason.None),
            (6, 94, Severity.Critical, NotifyReason.Escalated),   // 5th consecutive sample > 85
            (7, 80, Severity.Warning, NotifyReason.DeEscalated),
            (8, 60, Severity.None, NotifyReason.Resolved),
        ], Cpu);
    }

    [Fact]
    public void Step_DipBelowCriticalInsideTheStreak_RestartsTheCount()
    {
        Run(
        [
            (0, 90, Severity.Warning, NotifyReason.Fired),
            (1, 90, Severity.Warning, NotifyReason.None),
            (2, 90, Severity.Warning, NotifyReason.None),
            (3, 84, Severity.Warning, NotifyReason.None),   // streak broken
            (4, 90, Severity.Warning, NotifyReason.None),
            (5, 90, Severity.Warning, NotifyReason.None),
            (6, 90, Severity.Warning, NotifyReason.None),
            (7, 90, Severity.Warning, NotifyReason.None),
            (8, 90, Severity.Critical, NotifyReason.Escalated),
        ], Cpu);
    }

    [Fact]
    public void Step_ValueExactlyAtThreshold_DoesNotFire()
    {
        Run([(0, 70, Severity.None, NotifyReason.None)], Cpu);
    }

    [Fact]
    public void Step_OneTierRuleJumpingStraightToCritical_FiresCriticalOnce()
    {
        var disk = ThresholdRule.Defaults.Single(r => r.Id == "disk");
        Run(
        [
            (0, 96, Severity.Critical, NotifyReason.Fired),
            (1, 97, Severity.Critical, NotifyReason.None),
            (2, 50, Severity.None, NotifyReason.Resolved),
        ], disk);
    }

    [Fact]
    public void Step_Firing_RemembersSinceAndClearsItOnResolve()
    {
        var rule = ThresholdRule.Defaults.Single(r => r.Id == "memory");
        var s0 = AlertState.Initial("n", rule.Id, rule.Metric, Some.T0);
        var s1 = ThresholdEvaluator.Step(rule, s0, 85, Some.At(1)).Next;
        var s2 = ThresholdEvaluator.Step(rule, s1, 86, Some.At(2)).Next;
        var s3 = ThresholdEvaluator.Step(rule, s2, 10, Some.At(3)).Next;

        Assert.Equal(Some.At(1), s1.FiringSince);
        Assert.Equal(Some.At(1), s2.FiringSince);
        Assert.Null(s3.FiringSince);
    }
}
