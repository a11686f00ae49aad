using ChatOpsWatch.Domain.Alerts;

namespace ChatOpsWatch.Domain.Engine;

/// <summary>
/// Everything one rule × series remembers between evaluations: this is what must be persisted to resume.
/// A value type so that a replay of millions of samples allocates nothing per step.
/// Bit windows hold the newest evaluation in bit 0.
/// </summary>
public readonly record struct RuleState
{
    public RulePhase Phase { get; init; }

    /// <summary>The firing severity; None unless <see cref="Phase"/> is Firing (or Unknown from Firing).</summary>
    public Severity Severity { get; init; }

    /// <summary>The phase to return to when data comes back.</summary>
    public RulePhase PhaseBeforeUnknown { get; init; }

    public DateTimeOffset? BreachSince { get; init; }

    public DateTimeOffset? CriticalSince { get; init; }

    public DateTimeOffset? LastBreach { get; init; }

    public DateTimeOffset? LastSeen { get; init; }

    public DateTimeOffset? UnknownSince { get; init; }

    public DateTimeOffset? FiringSince { get; init; }

    public uint BreachBits { get; init; }

    public uint CriticalBits { get; init; }

    public bool NoDataSent { get; init; }

    public Signal LastSignal { get; init; }

    /// <summary>Bit i set = the signal changed i evaluations ago (20 transitions = 21 evaluations).</summary>
    public uint FlapBits { get; init; }

    public int Evaluations { get; init; }

    public bool Flapping { get; init; }

    /// <summary>The current firing episode has been told to people (so its resolution must be too).</summary>
    public bool Announced { get; init; }

    public static RuleState Initial => default;
}
