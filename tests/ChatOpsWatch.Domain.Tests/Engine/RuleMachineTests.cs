using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Domain.Engine;
using static ChatOpsWatch.Domain.Engine.RulePhase;
using static ChatOpsWatch.Domain.Engine.RuleNotice;
using static ChatOpsWatch.Domain.Tests.Engine.Timeline;

namespace ChatOpsWatch.Domain.Tests.Engine;

public sealed class RuleMachineTests
{
    private static ThresholdSource Cpu() => new(CpuLevels);

    [Fact]
    public void Step_BreachShorterThanFor_ClearsWithoutNotifying()
    {
        Run(new RuleTiming(TimeSpan.FromMinutes(5)), Cpu(),
        [
            (0, 82, Pending, Severity.None, None),
            (3, 83, Pending, Severity.None, None),
            (4, 50, Inactive, Severity.None, None),
            (9, 50, Inactive, Severity.None, None),
        ]);
    }

    [Fact]
    public void Step_BreachHeldForDuration_FiresThenResolves()
    {
        Run(new RuleTiming(TimeSpan.FromMinutes(2)), Cpu(),
        [
            (0, 82, Pending, Severity.None, None),
            (2, 83, Firing, Severity.Warning, Fired),
            (3, 50, Inactive, Severity.None, Resolved),
        ]);
    }

    [Fact]
    public void Step_ThreeOfFiveSamples_FiresOnTheThirdBreachDespiteGaps()
    {
        Run(new RuleTiming(TimeSpan.Zero, ForSamples: 3, OfSamples: 5), Cpu(),
        [
            (0, 82, Pending, Severity.None, None),
            (1, 50, Pending, Severity.None, None),
            (2, 82, Pending, Severity.None, None),
            (3, 50, Pending, Severity.None, None),
            (4, 82, Firing, Severity.Warning, Fired),
        ]);
    }

    [Fact]
    public void Step_TwoOfFiveSamplesAgedOut_ReturnsToInactive()
    {
        Run(new RuleTiming(TimeSpan.Zero, ForSamples: 3, OfSamples: 5), Cpu(),
        [
            (0, 82, Pending, Severity.None, None),
            (1, 82, Pending, Severity.None, None),
            (2, 50, Pending, Severity.None, None),
            (3, 50, Pending, Severity.None, None),
            (4, 50, Pending, Severity.None, None),
            (5, 50, Pending, Severity.None, None),
            (6, 50, Inactive, Severity.None, None),
        ]);
    }

    [Fact]
    public void Step_ValueBetweenRecoveryAndTrigger_StaysFiring()
    {
        Run(RuleTiming.Immediate, Cpu(),
        [
            (0, 81, Firing, Severity.Warning, Fired),
            (1, 75, Firing, Severity.Warning, None),   // below 80 but above the 70 recovery
            (2, 79, Firing, Severity.Warning, None),
            (3, 69, Inactive, Severity.None, Resolved),
            (4, 75, Inactive, Severity.None, None),    // not firing: 75 is below the trigger
        ]);
    }

    [Fact]
    public void Step_KeepFiringFor_HoldsThroughShortDips()
    {
        Run(RuleTiming.Immediate with { KeepFiringFor = TimeSpan.FromMinutes(5) }, Cpu(),
        [
            (0, 81, Firing, Severity.Warning, Fired),
            (1, 50, Firing, Severity.Warning, None),
            (4, 50, Firing, Severity.Warning, None),
            (5, 50, Inactive, Severity.None, Resolved),
        ]);
    }

    [Fact]
    public void Step_CriticalThenCooling_EscalatesAndDeEscalates()
    {
        Run(RuleTiming.Immediate, Cpu(),
        [
            (0, 81, Firing, Severity.Warning, Fired),
            (1, 95, Firing, Severity.Critical, Escalated),
            (2, 87, Firing, Severity.Critical, None),      // above the 85 critical recovery
            (3, 82, Firing, Severity.Warning, DeEscalated),
            (4, 60, Inactive, Severity.None, Resolved),
        ]);
    }

    [Fact]
    public void Step_MissingSamplesWhileFiring_GoesUnknownAndNeverResolves()
    {
        Run(RuleTiming.Immediate with { NoDataAfter = TimeSpan.FromHours(1) }, Cpu(),
        [
            (0, 95, Firing, Severity.Critical, Fired),
            (1, null, Unknown, Severity.Critical, None),
            (30, null, Unknown, Severity.Critical, None),
            (31, 95, Firing, Severity.Critical, None),      // back, still firing: nothing new to say
        ]);
    }

    [Fact]
    public void Step_GapLongerThanNoDataAfter_SendsOneNoDataNotice()
    {
        Run(RuleTiming.Immediate with { NoDataAfter = TimeSpan.FromMinutes(10) }, Cpu(),
        [
            (0, 50, Inactive, Severity.None, None),
            (5, null, Unknown, Severity.None, None),
            (10, null, Unknown, Severity.None, NoData),
            (15, null, Unknown, Severity.None, None),
            (20, 50, Inactive, Severity.None, None),
            (25, null, Unknown, Severity.None, None),
            (31, null, Unknown, Severity.None, NoData),     // a new gap gets its own notice
        ]);
    }

    [Fact]
    public void Step_FlappingSignal_SendsOneFlappingThenOneStableNotice()
    {
        var timing = RuleTiming.Immediate;
        var source = Cpu();
        var state = RuleState.Initial;
        var notices = new List<(int Minute, RuleNotice Notice)>();
        for (var minute = 0; minute < 80; minute++)
        {
            double value = minute < 30 ? (minute % 2 == 0 ? 95 : 50) : 50;
            var now = T0.AddMinutes(minute);
            (state, var notice) = RuleMachine.Step(timing, state, source.Classify(value, now, state.Severity), now);
            if (notice != None)
            {
                notices.Add((minute, notice));
            }
        }

        // Six alternations reach 30 % (weights up to 1.2 over 20 transitions); then only two notices follow.
        var flapAt = notices.FindIndex(n => n.Notice == Flapping);
        Assert.Equal([Fired, Resolved, Fired, Resolved, Fired, Resolved], notices.Take(flapAt).Select(n => n.Notice));
        Assert.Equal([Flapping, Stable], notices.Skip(flapAt).Select(n => n.Notice));
        Assert.True(notices[^1].Minute > 30, "stable comes only after the flapping stopped");
        Assert.Equal(Inactive, state.Phase);
    }

    [Fact]
    public void Step_AbsenceRule_FiresAfterTheToleratedGap()
    {
        Run(new RuleTiming(TimeSpan.FromMinutes(5)), new AbsenceSource(),
        [
            (0, 1, Inactive, Severity.None, None),
            (1, null, Pending, Severity.None, None),
            (6, null, Firing, Severity.Critical, Fired),
            (7, 1, Inactive, Severity.None, Resolved),
        ]);
    }

    [Fact]
    public void Step_RateOfChangeAboveLimit_Fires()
    {
        var rate = new RateSource(new Levels(Direction.Above, 0.5), TimeSpan.FromMinutes(2));
        Run(RuleTiming.Immediate, rate,
        [
            (0, 10, Inactive, Severity.None, None),
            (1, 20, Inactive, Severity.None, None),    // 10 per minute = 0.17/s
            (2, 30, Inactive, Severity.None, None),
            (3, 120, Firing, Severity.Warning, Fired), // 100 in 2 min = 0.83/s
            (5, 120, Inactive, Severity.None, Resolved),
        ]);
    }
}
