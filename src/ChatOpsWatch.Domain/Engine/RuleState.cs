using ChatOpsWatch.Domain.Alerts;

namespace ChatOpsWatch.Domain.Engine;

/// <summary>
/// Everything one rule × series remembers between evaluations: this is what must be persisted to resume.
/// A value type so that a replay of millions of samples allocates nothing per step; times come back in UTC.
/// Bit windows hold the newest evaluation in bit 0.
/// </summary>
public readonly record struct RuleState
{
    public RulePhase Phase { get; init; }

    /// <summary>The firing severity; None unless <see cref="Phase"/> is Firing (or Unknown from Firing).</summary>
    public Severity Severity { get; init; }

    /// <summary>The phase to return to when data comes back.</summary>
    public RulePhase PhaseBeforeUnknown { get; init; }

    public DateTimeOffset? BreachSince
    {
        get => FromTicks(_breachSince);
        init => _breachSince = ToTicks(value);
    }

    public DateTimeOffset? CriticalSince
    {
        get => FromTicks(_criticalSince);
        init => _criticalSince = ToTicks(value);
    }

    public DateTimeOffset? LastBreach
    {
        get => FromTicks(_lastBreach);
        init => _lastBreach = ToTicks(value);
    }

    public DateTimeOffset? LastSeen
    {
        get => FromTicks(_lastSeen);
        init => _lastSeen = ToTicks(value);
    }

    public DateTimeOffset? UnknownSince
    {
        get => FromTicks(_unknownSince);
        init => _unknownSince = ToTicks(value);
    }

    public DateTimeOffset? FiringSince
    {
        get => FromTicks(_firingSince);
        init => _firingSince = ToTicks(value);
    }

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

    // Times are kept as UTC ticks (0 = none): a DateTimeOffset? takes 24 bytes, a long 8, and the state is
    // copied several times per step in a replay of millions of samples.
    private readonly long _breachSince;
    private readonly long _criticalSince;
    private readonly long _lastBreach;
    private readonly long _lastSeen;
    private readonly long _unknownSince;
    private readonly long _firingSince;

    private static DateTimeOffset? FromTicks(long ticks) => ticks == 0 ? null : new DateTimeOffset(ticks, TimeSpan.Zero);

    private static long ToTicks(DateTimeOffset? value) => value?.UtcTicks ?? 0;
}
