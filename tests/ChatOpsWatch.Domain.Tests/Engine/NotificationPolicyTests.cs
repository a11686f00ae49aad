using ChatOpsWatch.Domain.Engine;
using ChatOpsWatch.Domain.Engine.Policy;
using Microsoft.Extensions.Time.Testing;
using static ChatOpsWatch.Domain.Tests.Engine.Timeline;

namespace ChatOpsWatch.Domain.Tests.Engine;

public sealed class NotificationPolicyTests
{
    private static readonly AlertLabels Web1 = new("web-1", "cpu", new Dictionary<string, string> { ["region"] = "tokyo", ["provider"] = "hetzner" });

    /// <summary>Drives a critical alert minute by minute from a value script and collects what the policy sends.</summary>
    private static List<(int Minute, SendReason Reason, MuteReason Muted)> Drive(PolicyContext context, Func<int, double> valueAt, int minutes)
    {
        var clock = new FakeTimeProvider(T0);
        var source = new ThresholdSource(CpuLevels);
        var state = RuleState.Initial;
        var ledger = default(NotifyLedger);
        var sent = new List<(int, SendReason, MuteReason)>();
        for (var minute = 0; minute < minutes; minute++, clock.Advance(TimeSpan.FromMinutes(1)))
        {
            var now = clock.GetUtcNow();
            (state, var notice) = RuleMachine.Step(RuleTiming.Immediate, state, source.Classify(valueAt(minute), now, state.Severity), now);
            (var reason, var muted, ledger) = NotificationPolicy.Decide(notice, state, Web1, context, ledger, now);
            if (reason != SendReason.None || muted != MuteReason.None)
            {
                sent.Add((minute, reason, muted));
            }
        }

        return sent;
    }

    [Fact]
    public void Decide_UnacknowledgedCritical_RepeatsOnTheSchedule()
    {
        var context = PolicyContext.Empty with { Repeats = new RepeatSchedule([TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(30)]) };

        var sent = Drive(context, _ => 95, minutes: 100);

        Assert.Equal([(0, SendReason.First), (10, SendReason.Repeat), (40, SendReason.Repeat), (70, SendReason.Repeat)], sent.Select(s => (s.Minute, s.Reason)));
    }

    [Fact]
    public void Decide_AcknowledgedCritical_StopsRepeatingButStillResolves()
    {
        var context = PolicyContext.Empty with
        {
            Acks = [new Acknowledgement("web-1", "cpu", T0, "alice", T0.AddMinutes(5))],
            Repeats = new RepeatSchedule([TimeSpan.FromMinutes(10)]),
        };

        var sent = Drive(context, m => m < 60 ? 95 : 20, minutes: 70);

        Assert.Equal([(0, SendReason.First), (60, SendReason.Resolved)], sent.Select(s => (s.Minute, s.Reason)));
    }

    [Fact]
    public void Decide_SilenceExpiresWhileStillFiring_SendsFirstThen()
    {
        var silence = new Silence("s1", [new Matcher("region", "tokyo")], T0, T0.AddMinutes(20), "alice", "provider maintenance");
        var context = PolicyContext.Empty with { Silences = [silence], Repeats = RepeatSchedule.Never };

        var sent = Drive(context, _ => 95, minutes: 30);

        Assert.Equal((0, SendReason.None, MuteReason.Silenced), sent[0]);
        Assert.Equal((20, SendReason.First, MuteReason.None), sent[^1]);
        Assert.All(sent.Take(sent.Count - 1), s => Assert.Equal(MuteReason.Silenced, s.Muted));
    }

    [Fact]
    public void Decide_AlertFiredAndClearedInsideSilence_SendsNothingEver()
    {
        var silence = new Silence("s1", [new Matcher("node", "web-*")], T0, T0.AddHours(1), "alice", "deploy");

        var sent = Drive(PolicyContext.Empty with { Silences = [silence] }, m => m < 10 ? 95 : 20, minutes: 90);

        Assert.DoesNotContain(sent, s => s.Reason != SendReason.None);
    }

    [Fact]
    public void Decide_WeeklyMaintenanceWindowAcrossMidnight_MutesOnlyInsideIt()
    {
        // T0 is a Monday; the window opens Sundays at 23:30 for an hour, so it covers Monday 00:00–00:30.
        var window = new MaintenanceWindow("w", [new Matcher("provider", "hetzner")], new HashSet<DayOfWeek> { DayOfWeek.Sunday }, new TimeOnly(23, 30), TimeSpan.FromHours(1), "bob", "kernel updates");

        Assert.True(window.Covers(Web1, T0.AddMinutes(29)));
        Assert.False(window.Covers(Web1, T0.AddMinutes(30)));
        Assert.False(window.Covers(Web1 with { Tags = new Dictionary<string, string> { ["provider"] = "ovh" } }, T0));
        var sent = Drive(PolicyContext.Empty with { Windows = [window], Repeats = RepeatSchedule.Never }, _ => 95, minutes: 40);
        Assert.Equal((30, SendReason.First, MuteReason.None), sent[^1]);
        Assert.All(sent.Take(sent.Count - 1), s => Assert.Equal(MuteReason.Maintenance, s.Muted));
    }

    [Fact]
    public void Decide_WarningEscalatesToCritical_SaysEscalated()
    {
        var sent = Drive(PolicyContext.Empty with { Repeats = RepeatSchedule.Never }, m => m < 5 ? 82 : m < 10 ? 95 : 20, minutes: 12);

        Assert.Equal([SendReason.First, SendReason.Escalated, SendReason.Resolved], sent.Select(s => s.Reason));
    }

    [Fact]
    public void Problems_SilenceWithoutExpiryOrReason_IsRejected()
    {
        var silence = new Silence("s", [], T0, T0, " ", "");

        Assert.Equal(["Matchers", "Expires", "CreatedBy", "Comment"], silence.Problems().Select(p => p.Field));
    }
}
