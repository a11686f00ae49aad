using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Domain.Text;

namespace ChatOpsWatch.Domain.Engine.Io;

/// <summary>
/// Early warning before a disk stalls (the seed: "30 minutes before the database stalls"): warns when the I/O
/// queue depth or await climbs steadily and is past <see cref="IoTrendOptions.Floor"/>, before it saturates.
/// Steadily means a rising Theil–Sen slope over the window's per-minute means that most pairs agree on and that
/// has held in both halves (so a 2-minute burst never counts), and a climb of at least half the floor and half
/// the starting level.
/// Once 3 days are learned, the level must also be unusual for this hour of the day (a nightly backup that
/// always drives the queue up is normal). A firing warning holds until the level falls back to where the
/// climb started (or to the middle of the learned band), or below the floor. Causal: judged, then learned.
/// </summary>
public sealed class IoTrendSource(IoTrendOptions options) : ISignalSource
{
    private const int LatestMinutes = 3;
    private readonly HourlyBaseline _baseline = new();
    private readonly Queue<(double X, double Y)> _points = new();
    private (double X, double Y)[] _window = new (double, double)[64];
    private long _minute = long.MinValue;
    private double _sum;
    private int _count;
    private double _latest;
    private double _slope;
    private double _anchor;
    private Signal _signal = Signal.Clear;

    public Signal Classify(double? value, DateTimeOffset now, Severity current)
    {
        _baseline.Advance(now);
        if (value is not { } v || double.IsNaN(v))
        {
            return Signal.Missing;
        }

        var minute = now.UtcTicks / TimeSpan.TicksPerMinute;
        if (minute != _minute && _count > 0)
        {
            _points.Enqueue((_minute, _sum / _count));
            var oldest = minute - options.WindowOrDefault.TotalMinutes;
            while (_points.Count > 0 && _points.Peek().X < oldest)
            {
                _points.Dequeue();
            }

            _signal = Judge(current);
            _sum = 0;
            _count = 0;
        }

        _minute = minute;
        _sum += v;
        _count++;
        _baseline.AddToCurrentHour(v);
        return _signal;
    }

    public string Describe(TextCatalog texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var band = _baseline.Band;
        var normal = band.Days >= HourlyBaseline.MinDays ? texts.Format("reason.io.normal", band.Upper(options.Tolerance)) : "";
        return _signal == Signal.Warning
            ? texts.Format("reason.io.climbing", _latest, _slope, options.WindowOrDefault.TotalMinutes, normal)
            : texts.Format("reason.value", _latest);
    }

    private Signal Judge(Severity current)
    {
        var points = Window();
        if (points.Length < 4 || points[^1].X - points[0].X < options.MinHistoryOrDefault.TotalMinutes)
        {
            return Signal.Clear;
        }

        _latest = Latest(points);
        var band = _baseline.Band;
        var learned = band.Days >= HourlyBaseline.MinDays;
        if (current >= Severity.Warning)
        {
            var holdLine = learned ? band.Median + ((band.Upper(options.Tolerance) - band.Median) / 2) : _anchor;
            return _latest >= options.Floor && _latest > holdLine ? Signal.Warning : Signal.Clear;
        }

        if (_latest < options.Floor || (learned && _latest <= band.Upper(options.Tolerance)))
        {
            return Signal.Clear; // the usual cases, decided without fitting a trend
        }

        (_slope, var rising) = TheilSen.Fit(points);
        // The climb must be real growth: at least half the floor, and half the level it started from (noise on a
        // deep but flat queue easily "climbs" by a fixed amount).
        var climb = _slope * (points[^1].X - points[0].X);
        if (_slope <= 0 || rising < options.MinAgreement || climb < Math.Max(options.Floor, Math.Abs(points[0].Y)) / 2
            || !TheilSen.Held(points, _slope))
        {
            return Signal.Clear;
        }

        _anchor = points[0].Y;
        return Signal.Warning;
    }

    private ReadOnlySpan<(double X, double Y)> Window()
    {
        if (_window.Length < _points.Count)
        {
            _window = new (double, double)[_points.Count * 2];
        }

        _points.CopyTo(_window, 0);
        return _window.AsSpan(0, _points.Count);
    }

    /// <summary>The median of the newest minutes: one odd minute neither starts nor ends a warning.</summary>
    private static double Latest(ReadOnlySpan<(double X, double Y)> points)
    {
        Span<double> last = stackalloc double[LatestMinutes];
        var n = Math.Min(LatestMinutes, points.Length);
        for (var i = 0; i < n; i++)
        {
            last[i] = points[points.Length - 1 - i].Y;
        }

        return Robust.Median(last[..n]);
    }
}
