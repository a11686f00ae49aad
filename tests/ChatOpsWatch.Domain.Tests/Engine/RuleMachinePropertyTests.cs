using ChatOpsWatch.Domain.Engine;
using ChatOpsWatch.Domain.Engine.Io;
using ChatOpsWatch.Domain.Probing;
using static ChatOpsWatch.Domain.Tests.Engine.Timeline;

namespace ChatOpsWatch.Domain.Tests.Engine;

/// <summary>Random timelines (fixed seed, many runs) against the machine's invariants.</summary>
public sealed class RuleMachinePropertyTests
{
    private const int Runs = 2_000;
    private const int StepsPerRun = 200;

    public static TheoryData<int> Timings() => [0, 1, 2, 3];

    /// <summary>Timing kinds × the I/O early warning, fed a random walk with gaps, steps and bursts.</summary>
    public static TheoryData<int> IoTimings() => [0, 1, 2, 3, 4];

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
        var random = new Random(20261124 + kind);
        Check(TimingFor(kind), () => new ThresholdSource(CpuLevels), () => random.NextDouble() < 0.15 ? null : random.Next(0, 100), random, Runs, StepsPerRun);
    }

    [Theory]
    [MemberData(nameof(IoTimings))]
    public void Step_RandomIoQueueTimelines_KeepEveryInvariant(int kind)
    {
        var random = new Random(4242 + kind);
        var level = 0.5;
        double? Walk()
        {
            // Drifts, climbs and bursts so the early warning fires and clears often enough to test.
            level = Math.Max(0, level + ((random.NextDouble() - 0.45) * 0.8));
            return random.NextDouble() < 0.1 ? null : random.NextDouble() < 0.02 ? level * 8 : level;
        }

        var timing = kind == 4 ? IoTrendOptions.Timing : TimingFor(kind);
        Check(timing, () => new IoTrendSource(IoTrendOptions.For(SystemMetricNames.DiskIoQueue)), Walk, random, Runs / 10, StepsPerRun * 5);
    }

    private static void Check(RuleTiming timing, Func<ISignalSource> newSource, Func<double?> next, Random random, int runs, int steps)
    {
        for (var run = 0; run < runs; run++)
        {
            var source = newSource();
            var state = RuleState.Initial;
            var firedUnresolved = false;
            var now = T0;
            for (var i = 0; i < steps; i++)
            {
                now = now.AddSeconds(random.Next(10, 120));
                var value = next();
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
