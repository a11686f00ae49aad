namespace ChatOpsWatch.Domain.Engine.Shift;

/// <summary>
/// Settings of the level-shift detector. CUSUM sums are in sigma-minutes (robust z above the allowance, times the
/// minutes it lasted), so the same settings hold at a 10 s and a 60 s poll interval.
/// </summary>
/// <param name="LogScale">Judge log(1 + value): counters, rates and latencies, whose noise is multiplicative and heavy-tailed.</param>
/// <param name="MinScale">The smallest spread trusted, in the judged unit (a flat series must not make every wiggle huge).</param>
/// <param name="Allowance">k: deviations below this many spreads add nothing (drift of normal noise).</param>
/// <param name="Threshold">h: sigma-minutes past the allowance that make a finding.</param>
/// <param name="Clamp">Robust z is clamped to ±Clamp, so one wild sample of a heavy tail counts like a few ordinary ones.</param>
/// <param name="NewNormalAfter">A finding firing this long is the new normal: one notice, and the profile moves to the new level.</param>
public sealed record ShiftOptions(
    bool LogScale,
    double MinScale,
    double Allowance = 2,
    double Threshold = 40,
    double Clamp = 4,
    TimeSpan? NewNormalAfter = null)
{
    public TimeSpan NewNormal => NewNormalAfter ?? TimeSpan.FromHours(24);

    /// <summary>Percentages and temperatures: the value itself, at least half a point of spread.</summary>
    public static ShiftOptions Level { get; } = new(LogScale: false, MinScale: 0.5);

    /// <summary>Counters, rates and latencies: log scale, at least 5 % of spread.</summary>
    public static ShiftOptions Counter { get; } = new(LogScale: true, MinScale: 0.05);
}
