namespace ChatOpsWatch.Domain.Engine;

/// <summary>
/// The timing half of a rule, shared by every rule kind.
/// <see cref="For"/> is a duration unless <see cref="OfSamples"/> is set, in which case the condition must
/// hold in <see cref="ForSamples"/> of the last <see cref="OfSamples"/> samples (M of N, N ≤ 32).
/// <see cref="KeepFiringFor"/> holds a firing alert that long after its last breach (Prometheus semantics).
/// <see cref="NoDataAfter"/> is the gap since the last sample after which one "no data" notice goes out.
/// Flap percentages are Nagios's: weighted state changes over the last 21 evaluations.
/// </summary>
public sealed record RuleTiming(
    TimeSpan For,
    int ForSamples = 0,
    int OfSamples = 0,
    TimeSpan KeepFiringFor = default,
    TimeSpan? NoDataAfter = null,
    double FlapStartPct = 30,
    double FlapStopPct = 20)
{
    public static RuleTiming Immediate { get; } = new(TimeSpan.Zero);

    public bool CountsSamples => OfSamples > 0;

    public TimeSpan NoDataGap => NoDataAfter ?? TimeSpan.FromMinutes(10);

    public IEnumerable<(string Field, string Message)> Problems()
    {
        if (For < TimeSpan.Zero)
        {
            yield return (nameof(For), $"must not be negative, got {For}");
        }

        if (OfSamples is < 0 or > 32)
        {
            yield return (nameof(OfSamples), $"must be between 1 and 32 samples (or 0 for a duration), got {OfSamples}");
        }

        if (OfSamples > 0 && (ForSamples < 1 || ForSamples > OfSamples))
        {
            yield return (nameof(ForSamples), $"must be between 1 and OfSamples ({OfSamples}), got {ForSamples}");
        }

        if (KeepFiringFor < TimeSpan.Zero)
        {
            yield return (nameof(KeepFiringFor), $"must not be negative, got {KeepFiringFor}");
        }

        if (NoDataGap <= TimeSpan.Zero)
        {
            yield return (nameof(NoDataAfter), $"must be positive, got {NoDataGap}");
        }

        if (FlapStopPct > FlapStartPct)
        {
            yield return (nameof(FlapStopPct), $"must not exceed FlapStartPct ({FlapStartPct}), got {FlapStopPct}");
        }
    }
}
