using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Domain.Engine;

namespace ChatOpsWatch.Domain.Tests.Engine;

/// <summary>Steps a rule along a timeline of (minute, value) and checks each phase and notice.</summary>
internal static class Timeline
{
    public static readonly DateTimeOffset T0 = new(2026, 11, 2, 0, 0, 0, TimeSpan.Zero);

    public static readonly Levels CpuLevels = new(Direction.Above, 80, 90, WarningRecovery: 70, CriticalRecovery: 85);

    public static void Run(RuleTiming timing, ISignalSource source, (double Minute, double? Value, RulePhase Phase, Severity Severity, RuleNotice Notice)[] steps)
    {
        var state = RuleState.Initial;
        foreach (var (minute, value, phase, severity, notice) in steps)
        {
            var now = T0.AddMinutes(minute);
            var signal = source.Classify(value, now, state.Severity);
            (state, var got) = RuleMachine.Step(timing, state, signal, now);
            Assert.True(
                (phase, severity, notice) == (state.Phase, state.Severity, got),
                $"minute {minute}, value {value}: expected {phase}/{severity}/{notice}, got {state.Phase}/{state.Severity}/{got}");
        }
    }
}
