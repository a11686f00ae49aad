using ChatOpsWatch.Domain.Alerts;

namespace ChatOpsWatch.Domain.Tests.Alerts;

public class ReachabilityEvaluatorTests
{
    [Fact]
    public void Step_TwoFailedPollsThenSuccess_FiresCriticalOnceAndResolves()
    {
        (int Minute, bool Ok, Severity Expected, NotifyReason Reason)[] timeline =
        [
            (0, true, Severity.None, NotifyReason.None),
            (1, false, Severity.None, NotifyReason.None),          // one blip is not an outage
            (2, false, Severity.Critical, NotifyReason.Fired),
            (3, false, Severity.Critical, NotifyReason.None),      // no repeat while down
            (4, true, Severity.None, NotifyReason.Resolved),
            (5, false, Severity.None, NotifyReason.None),          // the count starts again
        ];

        var state = AlertState.Initial("n", ReachabilityEvaluator.RuleId, ReachabilityEvaluator.Series, Some.T0);
        foreach (var (minute, ok, expected, reason) in timeline)
        {
            var t = ReachabilityEvaluator.Step(state, ok, failuresBeforeDown: 2, Some.At(minute));
            Assert.Equal((expected, reason), (t.Next.Severity, t.Reason));
            state = t.Next;
        }
    }

    [Fact]
    public void Step_ConfirmedLoss_FiresAtOnceWithoutWaitingForMorePolls()
    {
        (int Second, bool Ok, bool Confirmed, Severity Expected, NotifyReason Reason)[] timeline =
        [
            (0, true, false, Severity.None, NotifyReason.None),
            (8, false, true, Severity.Critical, NotifyReason.Fired),    // heartbeat unanswered, fresh connect failed
            (30, false, false, Severity.Critical, NotifyReason.None),
            (35, true, false, Severity.None, NotifyReason.Resolved),
        ];

        var state = AlertState.Initial("n", ReachabilityEvaluator.RuleId, ReachabilityEvaluator.Series, Some.T0);
        foreach (var (second, ok, confirmed, expected, reason) in timeline)
        {
            var t = ReachabilityEvaluator.Step(state, ok, failuresBeforeDown: 5, Some.T0.AddSeconds(second), confirmed);
            Assert.Equal((expected, reason), (t.Next.Severity, t.Reason));
            state = t.Next;
        }
    }
}
