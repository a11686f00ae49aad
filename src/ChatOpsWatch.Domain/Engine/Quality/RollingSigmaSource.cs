using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Domain.Text;

namespace ChatOpsWatch.Domain.Engine.Quality;

/// <summary>
/// The textbook detector, as fair as it gets: the mean of the last <paramref name="window"/> of samples lies more
/// than <paramref name="sigmas"/> standard deviations from the mean of the 24 hours before that window, either
/// side. A reference for the evaluation, not a default.
/// </summary>
public sealed class RollingSigmaSource(TimeSpan window, double sigmas) : ISignalSource
{
    private static readonly TimeSpan History = TimeSpan.FromHours(24);
    private readonly Queue<(long Ticks, double Value)> _recent = new();
    private readonly Queue<(long Ticks, double Value)> _history = new();
    private double _recentSum;
    private double _sum;
    private double _sumSq;
    private double _last;

    public Signal Classify(double? value, DateTimeOffset now, Severity current)
    {
        if (value is not { } v || double.IsNaN(v))
        {
            return Signal.Missing;
        }

        var t = now.UtcTicks;
        _recent.Enqueue((t, v));
        _recentSum += v;
        while (t - _recent.Peek().Ticks > window.Ticks)
        {
            var old = _recent.Dequeue();
            _recentSum -= old.Value;
            _history.Enqueue(old);
            _sum += old.Value;
            _sumSq += old.Value * old.Value;
        }

        while (_history.Count > 0 && t - _history.Peek().Ticks > History.Ticks + window.Ticks)
        {
            var (_, old) = _history.Dequeue();
            _sum -= old;
            _sumSq -= old * old;
        }

        _last = v;
        var n = _history.Count;
        if (n < 30)
        {
            return Signal.Clear;
        }

        var mean = _sum / n;
        var sd = Math.Sqrt(Math.Max(0, (_sumSq / n) - (mean * mean)));
        return Math.Abs((_recentSum / _recent.Count) - mean) > sigmas * sd && sd > 0 ? Signal.Warning : Signal.Clear;
    }

    public string Describe(TextCatalog texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        return texts.Format("reason.value", _last);
    }
}
