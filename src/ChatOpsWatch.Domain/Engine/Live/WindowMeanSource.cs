using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Domain.Text;

namespace ChatOpsWatch.Domain.Engine.Live;

/// <summary>
/// A threshold rule judged on the mean of its samples over <paramref name="window"/> (at least
/// <see cref="MinSamples"/> of them, the worst one left out, so a node polled every 5 minutes is not judged on one
/// burst): packet loss from a
/// burst of 5 probes a poll reads 0, 20 or 40 % on a healthy link now and then, and only its mean says how lossy the
/// link is. It fires when the mean passes a level and clears when the mean falls to that tier's recovery level,
/// half the level unless <paramref name="recovery"/> sets it: a link losing a steady 19 % sits near any single
/// level, and the wide margin keeps it one episode instead of a flap.
/// </summary>
public sealed class WindowMeanSource(ThresholdRule rule, RecoveryLevels? recovery, TimeSpan window) : ISignalSource
{
    public const int MinSamples = 4;
    private readonly Queue<(long Ticks, double Value)> _samples = new();
    private readonly double _warningRecovery = recovery?.WarningOf(rule) ?? rule.Warning / 2;
    private readonly double _criticalRecovery = recovery?.CriticalOf(rule) ?? rule.Critical / 2;
    private double _sum;
    private double _mean;
    private Signal _signal;

    public Signal Classify(double? value, DateTimeOffset now, Severity current)
    {
        if (value is not { } v || double.IsNaN(v))
        {
            // A missing poll says nothing about the link (an unreachable node has its own alert).
            return _signal = Signal.Missing;
        }

        _samples.Enqueue((now.UtcTicks, v));
        _sum += v;
        var oldest = now.UtcTicks - window.Ticks;
        while (_samples.Count > MinSamples && _samples.Peek().Ticks <= oldest)
        {
            _sum -= _samples.Dequeue().Value;
        }

        if (_samples.Count < MinSamples)
        {
            return _signal = Signal.Clear;
        }

        // The worst poll is left out: on a node polled every 5 minutes, one burst with every probe lost is not a lossy link.
        _mean = (_sum - _samples.Max(s => s.Value)) / (_samples.Count - 1);
        if (_mean > rule.Critical || (current == Severity.Critical && _mean > _criticalRecovery))
        {
            return _signal = Signal.Critical;
        }

        return _signal = _mean > rule.Warning || (current >= Severity.Warning && _mean > _warningRecovery) ? Signal.Warning : Signal.Clear;
    }

    public string Describe(TextCatalog texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var minutes = _samples.Count == 0 ? 0 : TimeSpan.FromTicks(_samples.Last().Ticks - _samples.Peek().Ticks).TotalMinutes;
        return _signal switch
        {
            Signal.Critical => texts.Format("reason.mean.over", _mean, rule.Critical, minutes, _samples.Count),
            Signal.Warning => texts.Format("reason.mean.over", _mean, rule.Warning, minutes, _samples.Count),
            _ => texts.Format("reason.mean.back", _mean, minutes, _samples.Count),
        };
    }
}
