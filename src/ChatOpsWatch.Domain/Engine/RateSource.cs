using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Domain.Text;

namespace ChatOpsWatch.Domain.Engine;

/// <summary>
/// Rate of change per second over a sliding <paramref name="window"/>: (latest − oldest in window) / elapsed,
/// judged against <paramref name="levels"/> (use Direction.Below for a falling value). Needs half a window of
/// history before it has an opinion, so a single jump after a gap does not count as a steep rate.
/// </summary>
public sealed class RateSource(Levels levels, TimeSpan window) : ISignalSource
{
    private readonly Queue<(long Ticks, double Value)> _points = new();
    private double _rate;
    private Signal _signal;

    public Signal Classify(double? value, DateTimeOffset now, Severity current)
    {
        if (value is not { } v || double.IsNaN(v))
        {
            return _signal = Signal.Missing;
        }

        var t = now.UtcTicks;
        _points.Enqueue((t, v));
        while (_points.Count > 2 && t - _points.Peek().Ticks > window.Ticks)
        {
            _points.Dequeue();
        }

        var (t0, v0) = _points.Peek();
        if (t - t0 < window.Ticks / 2)
        {
            return _signal = Signal.Clear;
        }

        _rate = (v - v0) / TimeSpan.FromTicks(t - t0).TotalSeconds;
        return _signal = levels.Classify(_rate, current);
    }

    public string Describe(TextCatalog texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        return _signal is Signal.Warning or Signal.Critical
            ? texts.Format("reason.rate.over", _rate, window.TotalMinutes, levels.Warning)
            : texts.Format("reason.rate", _rate);
    }
}
