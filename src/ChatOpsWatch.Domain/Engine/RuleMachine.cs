using System.Numerics;
using ChatOpsWatch.Domain.Alerts;

namespace ChatOpsWatch.Domain.Engine;

/// <summary>
/// The alert lifecycle of one rule × series: Inactive → Pending → Firing(warning|critical) → resolved back to
/// Inactive, and Unknown while samples are missing. Pure: time is passed in, the state is a value.
/// Invariants the property tests hold it to: a missing sample yields no notice but <see cref="RuleNotice.NoData"/>;
/// Resolved only follows an announced Fired; a notice always comes with a change of state.
/// </summary>
public static class RuleMachine
{
    public static (RuleState Next, RuleNotice Notice) Step(RuleTiming timing, RuleState state, Signal signal, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(timing);
        return signal == Signal.Missing ? StepMissing(timing, state, now) : StepPresent(timing, state, signal, now);
    }

    private static (RuleState, RuleNotice) StepMissing(RuleTiming timing, RuleState s, DateTimeOffset now)
    {
        // Never resolve on missing data: freeze the phase, remember it, and wait.
        var next = s.Phase == RulePhase.Unknown
            ? s
            : s with { Phase = RulePhase.Unknown, PhaseBeforeUnknown = s.Phase, UnknownSince = now };
        var gapStart = next.LastSeen ?? next.UnknownSince ?? now;
        if (!next.NoDataSent && now - gapStart >= timing.NoDataGap)
        {
            return (next with { NoDataSent = true }, RuleNotice.NoData);
        }

        return (next, RuleNotice.None);
    }

    private static (RuleState, RuleNotice) StepPresent(RuleTiming timing, RuleState s, Signal signal, DateTimeOffset now)
    {
        if (signal == Signal.Clear && Quiet(timing, s))
        {
            // Another clear evaluation of a rule at rest: the general path below would change only these two
            // fields. Most evaluations of most rules are this one, and a replay with several rules per series
            // spends its time here (the default CPU rules must replay at 5 M samples/s).
            return (s with { LastSeen = now, Evaluations = s.Evaluations + 1 }, RuleNotice.None);
        }

        var breach = signal >= Signal.Warning;
        var critical = signal == Signal.Critical;
        var mask = timing.CountsSamples ? (timing.OfSamples == 32 ? uint.MaxValue : (1u << timing.OfSamples) - 1) : 1u;
        var changed = s.Evaluations > 0 && signal != s.LastSignal;
        var n = s with
        {
            Phase = s.Phase == RulePhase.Unknown ? s.PhaseBeforeUnknown : s.Phase,
            UnknownSince = null,
            LastSeen = now,
            NoDataSent = false,
            BreachBits = ((s.BreachBits << 1) | (breach ? 1u : 0u)) & mask,
            CriticalBits = ((s.CriticalBits << 1) | (critical ? 1u : 0u)) & mask,
            BreachSince = breach ? s.BreachSince ?? now : null,
            CriticalSince = critical ? s.CriticalSince ?? now : null,
            LastBreach = breach ? now : s.LastBreach,
            FlapBits = FlapWindow.Push(s.FlapBits, changed),
            Evaluations = s.Evaluations + 1,
            LastSignal = signal,
        };

        var target = Held(timing, n.CriticalBits, n.CriticalSince, now) ? Severity.Critical
            : Held(timing, n.BreachBits, n.BreachSince, now) ? Severity.Warning
            : Severity.None;
        (n, var notice) = Transition(timing, n, breach, target, now);
        return ApplyFlapping(timing, n, notice);
    }

    private static (RuleState, RuleNotice) Transition(RuleTiming timing, RuleState n, bool breach, Severity target, DateTimeOffset now)
    {
        if (n.Phase != RulePhase.Firing)
        {
            if (target != Severity.None)
            {
                return (n with { Phase = RulePhase.Firing, Severity = target, FiringSince = now }, RuleNotice.Fired);
            }

            var pending = breach || (timing.CountsSamples && n.BreachBits != 0);
            return (n with { Phase = pending ? RulePhase.Pending : RulePhase.Inactive, Severity = Severity.None }, RuleNotice.None);
        }

        if (target == Severity.Critical && n.Severity == Severity.Warning)
        {
            return (n with { Severity = Severity.Critical }, RuleNotice.Escalated);
        }

        if (breach)
        {
            return n.Severity == Severity.Critical && target != Severity.Critical && n.CriticalSince is null
                ? (n with { Severity = Severity.Warning }, RuleNotice.DeEscalated)
                : (n, RuleNotice.None);
        }

        if (n.LastBreach is { } last && now - last < timing.KeepFiringFor)
        {
            return (n, RuleNotice.None);
        }

        return (n with { Phase = RulePhase.Inactive, Severity = Severity.None, FiringSince = null }, RuleNotice.Resolved);
    }

    private static (RuleState, RuleNotice) ApplyFlapping(RuleTiming timing, RuleState n, RuleNotice notice)
    {
        var pct = FlapWindow.Percent(n.FlapBits);
        if (!n.Flapping && pct >= timing.FlapStartPct)
        {
            return (n with { Flapping = true, Announced = n.Announced && n.Phase == RulePhase.Firing }, RuleNotice.Flapping);
        }

        if (n.Flapping && pct < timing.FlapStopPct)
        {
            // The "stable" notice states the current phase, so it announces a firing alert too.
            return (n with { Flapping = false, Announced = n.Phase == RulePhase.Firing }, RuleNotice.Stable);
        }

        if (n.Flapping)
        {
            return (n with { Announced = n.Announced && n.Phase == RulePhase.Firing }, RuleNotice.None);
        }

        return notice switch
        {
            RuleNotice.Fired => (n with { Announced = true }, notice),
            RuleNotice.Escalated or RuleNotice.DeEscalated when !n.Announced => (n with { Announced = true }, RuleNotice.Fired),
            RuleNotice.Resolved => (n with { Announced = false }, n.Announced ? notice : RuleNotice.None),
            _ => (n, notice),
        };
    }

    /// <summary>At rest: inactive after a clear evaluation, with nothing pending, counted, flapping or unknown.</summary>
    private static bool Quiet(RuleTiming timing, RuleState s) =>
        s.Phase == RulePhase.Inactive && s.LastSignal == Signal.Clear && s.Severity == Severity.None
        && (s.BreachBits | s.CriticalBits | s.FlapBits) == 0 && !s.Flapping && !s.NoDataSent
        && s.UnknownSince is null && s.BreachSince is null && s.CriticalSince is null && timing.FlapStartPct > 0;

    private static bool Held(RuleTiming timing, uint bits, DateTimeOffset? since, DateTimeOffset now) =>
        timing.CountsSamples
            ? BitOperations.PopCount(bits) >= timing.ForSamples
            : since is { } start && now - start >= timing.For;
}
