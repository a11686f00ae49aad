using ChatOpsWatch.Domain.Engine;
using static ChatOpsWatch.Domain.Tests.Engine.Timeline;

namespace ChatOpsWatch.Domain.Tests.Engine;

/// <summary>Random timelines (fixed seed, many runs) against the machine's invariants.</summary>
public sealed class RuleMachinePropertyTests
{
    private const int Runs = 2_000;
    private const int StepsPerRun = 200;

    public static TheoryData<int> Timings() => [0, 1, 2, 3];

    private static RuleTiming TimingFor(int kind) => kind switch
    {
        0 => RuleTiming.Immediate,
        1 => new RuleTiming(TimeSpan.FromMinutes(3), KeepFiringFor: TimeSpan.FromMinutes(2), NoDataAfter: TimeSpan.FromMinutes(4)),
        2 => new RuleTiming(TimeSpan.Zero, ForSamples: 3, OfSamples: 5, NoDataAfter: TimeSpan.FromMinutes(2)),
        _ => RuleTiming.Immediate with { FlapStartPct = 10, FlapStopPct = 5 },
    };

    [Theory]
    [MemberData(nameof(Timings))]
    public void Step_RandomTimelines_KeepEveryInvariant(int kind)
    {
        var timing = TimingFor(kind);
        var random = new Random(20261124 + kind);
        for (var run = 0; run < Runs; run++)
        {
            var source = new ThresholdSource(CpuLevels);
            var state = RuleState.Initial;
            var firedUnresolved = false;
            var now = T0;
            for (var i = 0; i < StepsPerRun; i++)
            {
                now = now.AddSeconds(random.Next(10, 120));
                double? value = random.NextDouble() < 0.15 ? null : random.Next(0, 100);
                var signal = source.Classify(value, now, state.Severity);
                var before = state;
                (state, var notice) = RuleMachine.Step(timing, state, signal, now);

                if (value is null)
                {
                    Assert.True(notice is RuleNotice.None or RuleNotice.NoData, $"run {run} step {i}: missing sample gave {notice}");
                }

                if (notice != RuleNotice.None)
                {
                    Assert.True(
                        (before.Phase, before.Severity, before.Flapping, before.NoDataSent) != (state.Phase, state.Severity, state.Flapping, state.NoDataSent),
                        $"run {run} step {i}: {notice} without a change of state");
                }

                if (notice == RuleNotice.Resolved)
                {
                    Assert.True(firedUnresolved, $"run {run} step {i}: resolved without an earlier firing");
                    firedUnresolved = false;
                }

                if (notice is RuleNotice.Fired || (notice is RuleNotice.Stable && state.Phase == RulePhase.Firing))
                {
                    firedUnresolved = true;
                }

                if (notice is RuleNotice.Stable && state.Phase != RulePhase.Firing)
                {
                    firedUnresolved = false;
                }
            }
        }
    }
}
