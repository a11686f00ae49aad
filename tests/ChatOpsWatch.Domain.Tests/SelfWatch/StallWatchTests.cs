using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Domain.SelfWatch;

namespace ChatOpsWatch.Domain.Tests.SelfWatch;

public sealed class StallWatchTests
{
    [Fact]
    public void Step_PollsStopThenResume_RaisesOnceAndResolvesOnce()
    {
        var interval = TimeSpan.FromSeconds(30);
        DateTimeOffset? completed = null;
        var stalled = false;

        // (second, a poll completes then?, expected state, reason)
        (int Second, bool Completes, bool Stalled, NotifyReason Reason)[] timeline =
        [
            (10, true, false, NotifyReason.None),
            (40, true, false, NotifyReason.None),
            (100, false, false, NotifyReason.None),   // 60 s of silence: exactly 2 intervals, not yet past them
            (101, false, true, NotifyReason.Fired),
            (130, false, true, NotifyReason.None),    // still stalled: told once
            (400, false, true, NotifyReason.None),
            (401, true, false, NotifyReason.Resolved),
            (431, true, false, NotifyReason.None),
        ];

        foreach (var (second, completes, expected, reason) in timeline)
        {
            var now = Some.T0.AddSeconds(second);
            completed = completes ? now : completed;
            var liveness = new Liveness(Some.T0, now, completed, completed, interval, 3, Liveness.BeatFor(interval));

            (stalled, var told) = StallWatch.Step(stalled, liveness, now);

            Assert.Equal((expected, reason), (stalled, told));
        }
    }

    [Fact]
    public void Step_APollStillWithinItsDeadline_IsSlowNotStalled()
    {
        var interval = TimeSpan.FromSeconds(2);
        var liveness = new Liveness(Some.T0, Some.T0, Some.T0, Some.T0, interval, 1, TimeSpan.FromSeconds(1));
        var grace = TimeSpan.FromSeconds(5); // connect timeout + probe deadline

        Assert.Equal((false, NotifyReason.None), StallWatch.Step(false, liveness, Some.T0.AddSeconds(9), grace));
        Assert.Equal((true, NotifyReason.Fired), StallWatch.Step(false, liveness, Some.T0.AddSeconds(9.1), grace));
    }

    [Fact]
    public void Step_NoNodesConfigured_NeverStalls()
    {
        var liveness = new Liveness(Some.T0, Some.T0, null, null, TimeSpan.Zero, 0, TimeSpan.FromSeconds(15));

        Assert.Equal((false, NotifyReason.None), StallWatch.Step(false, liveness, Some.T0.AddHours(1)));
    }
}
