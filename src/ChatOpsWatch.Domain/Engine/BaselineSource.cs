using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Domain.Text;

namespace ChatOpsWatch.Domain.Engine;

/// <summary>Settings of a learned-baseline rule. Floors are in the metric's own unit; null means no floor
/// (for bytes, requests or any unknown unit nothing assumes 0–100).</summary>
/// <param name="Tolerance">How many spreads above the learned high a value must be to count as unusual.</param>
/// <param name="Floor">A value must also be at least this to warn, so quiet nodes do not page on noise.</param>
/// <param name="CriticalFloor">Unusual and at least this: critical. Null: the rule only warns.</param>
public sealed record BaselineOptions(double Tolerance = 3, double? Floor = null, double? CriticalFloor = null);

/// <summary>
/// Deviation from the learned hour-of-day baseline: unusual for this hour AND past the floor. Learns as it goes
/// (each sample is classified first, then learned), so a backtest sees exactly what live would have seen.
/// Until <see cref="HourlyBaseline.MinDays"/> days exist for the hour it has no opinion (Clear).
/// A firing alert recovers only below the midpoint between the learned median and the unusual line.
/// </summary>
public sealed class BaselineSource(BaselineOptions options) : ISignalSource
{
    private readonly HourlyBaseline _baseline = new();
    private double _last;
    private double _upper;
    private Signal _signal;

    public BaselineBand Band => _baseline.Band;

    public BaselineOptions Options => options;

    /// <summary>The learned band for <paramref name="at"/>'s hour and the levels this rule would warn and go
    /// critical at then (the unusual line, raised to the floors); null levels until the hour is learned.</summary>
    public (BaselineBand Band, double? Warning, double? Critical) LevelsAt(DateTimeOffset at)
    {
        var band = _baseline.BandFor(at);
        if (band.Days < HourlyBaseline.MinDays)
        {
            return (band, null, null);
        }

        var upper = band.Upper(options.Tolerance);
        return (band, Math.Max(upper, options.Floor ?? upper), options.CriticalFloor is { } c ? Math.Max(upper, c) : null);
    }

    public Signal Classify(double? value, DateTimeOffset now, Severity current)
    {
        _baseline.Advance(now);
        if (value is not { } v || double.IsNaN(v))
        {
            return _signal = Signal.Missing;
        }

        _signal = Judge(v, current);
        _baseline.AddToCurrentHour(v);
        return _signal;
    }

    public string Describe(TextCatalog texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        return _signal is Signal.Warning or Signal.Critical
            ? texts.Format("reason.baseline.unusual", _last, _upper, _baseline.Band.Median, _baseline.Band.Days)
            : texts.Format("reason.value", _last);
    }

    private Signal Judge(double v, Severity current)
    {
        _last = v;
        var band = _baseline.Band;
        if (band.Days < HourlyBaseline.MinDays)
        {
            return Signal.Clear;
        }

        _upper = band.Upper(options.Tolerance);
        var line = current >= Severity.Warning ? band.Median + ((_upper - band.Median) / 2) : _upper;
        var floor = options.Floor ?? double.NegativeInfinity;
        if (v <= line || v < floor)
        {
            return Signal.Clear;
        }

        return options.CriticalFloor is { } c && v >= c ? Signal.Critical : Signal.Warning;
    }
}
