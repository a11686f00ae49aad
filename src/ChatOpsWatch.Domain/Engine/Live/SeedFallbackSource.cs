using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Domain.Text;

namespace ChatOpsWatch.Domain.Engine.Live;

/// <summary>
/// The seed's CPU levels (70 % warning, 85 % for 5 samples critical) as a fallback: they judge an hour of the day only until
/// the learned baseline knows that hour (<see cref="HourlyBaseline.MinDays"/> days of it), then the baseline rule owns
/// it, so a nightly backup at 90 % pages in the first nights and not for ever after. A firing alert is not handed
/// over: it recovers at its own recovery level, so no "resolved" is sent while the value is still high. The baseline
/// here learns the same samples as the baseline rule's (each sample judged first, then learned), so a replay at start
/// rebuilds both alike. On the labelled corpus the static levels beside the baseline made 56 false episodes a
/// fortnight on a database node's nightly backup (bench/results/alert-quality.md).
/// </summary>
public sealed class SeedFallbackSource(StreakThresholdSource seed) : ISignalSource
{
    private readonly HourlyBaseline _baseline = new();
    private bool _learned;

    public Signal Classify(double? value, DateTimeOffset now, Severity current)
    {
        _baseline.Advance(now);
        var signal = seed.Classify(value, now, current); // the streaks keep counting, so a hand-back is consistent
        if (value is { } v && !double.IsNaN(v))
        {
            _baseline.AddToCurrentHour(v);
        }

        _learned = _baseline.BandFor(now).Days >= HourlyBaseline.MinDays;
        return _learned && current == Severity.None && signal is Signal.Warning or Signal.Critical ? Signal.Clear : signal;
    }

    public string Describe(TextCatalog texts) => seed.Describe(texts);
}
