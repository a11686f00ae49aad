using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Domain.Text;

namespace ChatOpsWatch.Domain.Engine;

/// <summary>Settings of a "full in less than N hours" forecast.</summary>
/// <param name="Capacity">The value meaning full (100 for a percentage; any unit works).</param>
/// <param name="Window">Regression window; samples are averaged per minute first.</param>
/// <param name="MinHistory">No forecast until the window holds this much history.</param>
/// <param name="WarnWithin">Warn when full is forecast sooner than this (12 h by default).</param>
/// <param name="CriticalWithin">Critical when full is forecast sooner than this (2 h by default).</param>
/// <param name="MinAgreement">Share of pairwise slopes that must be rising: the stated confidence must reach it.</param>
public sealed record ForecastOptions(
    double Capacity = 100,
    TimeSpan? Window = null,
    TimeSpan? MinHistory = null,
    TimeSpan? WarnWithin = null,
    TimeSpan? CriticalWithin = null,
    double MinAgreement = 0.7)
{
    public TimeSpan WindowOrDefault => Window ?? TimeSpan.FromMinutes(60);

    public TimeSpan MinHistoryOrDefault => MinHistory ?? TimeSpan.FromMinutes(40);

    public TimeSpan WarnWithinOrDefault => WarnWithin ?? TimeSpan.FromHours(12);

    public TimeSpan CriticalWithinOrDefault => CriticalWithin ?? TimeSpan.FromHours(2);
}

/// <summary>
/// Disk (or inode) full forecast with guardrails: per-minute means over a sliding window, a Theil–Sen slope
/// (a median of pairwise slopes, so a burst of a few minutes barely moves it), and the trend must have held:
/// the older half, the newer half and the newest quarter of the window must each rise at half the overall rate or more. A 20-minute
/// burst that stops fails that test in every window that contains it. Confidence = share of rising pairs.
/// </summary>
public sealed class DiskForecastSource(ForecastOptions options) : ISignalSource
{
    private readonly Queue<(double X, double Y)> _points = new();
    private const int RefitMinutes = 5;
    private long _minute = long.MinValue;
    private long _nextFit = long.MinValue;
    private double _sum;
    private int _count;
    private Signal _signal = Signal.Clear;

    /// <summary>The latest forecast: hours until full, and the share of rising pairs (0–1); null when none.</summary>
    public (double Hours, double Confidence)? Forecast { get; private set; }

    public Signal Classify(double? value, DateTimeOffset now, Severity current)
    {
        if (value is not { } v || double.IsNaN(v))
        {
            return Signal.Missing;
        }

        var minute = now.UtcTicks / TimeSpan.TicksPerMinute;
        if (minute != _minute && _count > 0)
        {
            _points.Enqueue((_minute, _sum / _count));
            var oldest = minute - (long)options.WindowOrDefault.TotalMinutes;
            while (_points.Count > 0 && _points.Peek().X < oldest)
            {
                _points.Dequeue();
            }

            if (_minute >= _nextFit)
            {
                // Refit every few minutes: a forecast in hours gains nothing from per-minute refits, and a fit is
                // O(window²) pairwise slopes, the dominant cost of a replay.
                _nextFit = _minute + RefitMinutes;
                Forecast = Fit(v);
            }

            _signal = Forecast is not { } f ? Signal.Clear
                : f.Hours < options.CriticalWithinOrDefault.TotalHours ? Signal.Critical
                : f.Hours < options.WarnWithinOrDefault.TotalHours ? Signal.Warning
                : Signal.Clear;
            _sum = 0;
            _count = 0;
        }

        _minute = minute;
        _sum += v;
        _count++;
        return _signal;
    }

    public string Describe(TextCatalog texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        return Forecast is { } f
            ? texts.Format("reason.forecast", f.Hours, f.Confidence, options.WindowOrDefault.TotalMinutes)
            : texts["reason.forecast.none"];
    }

    private (double Hours, double Confidence)? Fit(double latest)
    {
        var points = _points.ToArray();
        if (points.Length < 4 || points[^1].X - points[0].X < options.MinHistoryOrDefault.TotalMinutes)
        {
            return null;
        }

        var (slope, rising) = TheilSen.Fit(points);
        if (slope <= 0 || rising < options.MinAgreement || !TheilSen.Held(points, slope))
        {
            return null;
        }

        var hours = Math.Max(0, options.Capacity - Math.Max(latest, points[^1].Y)) / slope / 60;
        return (hours, rising);
    }
}
