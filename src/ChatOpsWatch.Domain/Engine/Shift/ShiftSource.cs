using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Domain.Text;

namespace ChatOpsWatch.Domain.Engine.Shift;

/// <summary>
/// Notices a series behaving unlike itself, either direction, any unit: a two-sided robust CUSUM of the robust z-score
/// of each sample against the node's own <see cref="SeasonalProfile"/> (same hour, same day type, last 14 days).
/// Catches level shifts and change points (a dead service's CPU at zero, a runaway job at 50 %), drifts over days
/// (the reference is days old, so a creep accumulates), and on counters a reset after a gap (a jump of more than
/// 8 spreads right after missing samples). Causal: each sample is judged, then learned. Silent (Clear) until
/// <see cref="SeasonalProfile.MinDays"/> days are learned. After a finding has lasted
/// <see cref="ShiftOptions.NewNormal"/>, the shifted level becomes the new normal: the finding ends with a
/// "new normal" reason and the learned profile moves to the shifted level, keeping its daily and weekly shape.
/// </summary>
public sealed class ShiftSource(ShiftOptions options) : ISignalSource
{
    private const double MaxStepMinutes = 5;
    private readonly SeasonalProfile _profile = new(options.MinScale);
    private double _up;
    private double _down;
    private long _lastTicks;
    private long _intervalTicks;
    private long _firingSince;
    private double _last;
    private double _expected;
    private Signal _signal;
    private bool _adopted;
    private double _offset;

    public Signal Classify(double? value, DateTimeOffset now, Severity current)
    {
        _profile.Advance(now);
        if (value is not { } v || double.IsNaN(v))
        {
            return _signal = Signal.Missing;
        }

        var t = now.UtcTicks;
        var dt = _lastTicks == 0 ? 0 : t - _lastTicks;
        var gap = _intervalTicks > 0 && dt > 3 * _intervalTicks;
        _intervalTicks = dt > 0 && (_intervalTicks == 0 || dt < _intervalTicks * 2) ? (_intervalTicks == 0 ? dt : ((_intervalTicks * 7) + dt) / 8) : _intervalTicks;
        _lastTicks = t;
        _last = v;
        var y = options.LogScale ? Math.Log(1 + Math.Max(0, v)) : v;
        _signal = Judge(y, gap ? _intervalTicks : dt, gap, current, t);
        _profile.Add(y);
        return _signal;
    }

    public string Describe(TextCatalog texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var expected = options.LogScale ? Math.Exp(_expected) - 1 : _expected;
        return _adopted ? texts.Format("reason.shift.new_normal", _last, expected)
            : _signal == Signal.Warning ? texts.Format(_up >= _down ? "reason.shift.up" : "reason.shift.down", _last, expected)
            : texts.Format("reason.value", _last);
    }

    private Signal Judge(double y, long dtTicks, bool gap, Severity current, long now)
    {
        var reference = _profile.Reference;
        _adopted = false;
        if (reference.Days < SeasonalProfile.MinDays)
        {
            (_up, _down, _firingSince) = (0, 0, 0);
            return Signal.Clear;
        }

        _expected = reference.Level;
        var raw = (y - reference.Level) / reference.Scale;
        if (gap && options.LogScale && Math.Abs(raw) >= 8)
        {
            // A counter that resets on reboot reads garbage right after the silence: that is the finding.
            return Signal.Warning;
        }

        var z = Math.Clamp(raw, -options.Clamp, options.Clamp);
        var minutes = Math.Min(MaxStepMinutes, TimeSpan.FromTicks(dtTicks).TotalMinutes);
        // How far off the level runs lately (a 30-minute exponential mean), in the judged unit: the offset a new
        // normal is adopted at. Clamped like z, so a spike does not set it.
        var weight = Math.Min(1, minutes / 30);
        _offset += weight * ((Math.Clamp(raw, -3 * options.Clamp, 3 * options.Clamp) * reference.Scale) - _offset);
        var cap = 2 * options.Threshold;
        _up = Math.Min(cap, Math.Max(0, _up + ((z - options.Allowance) * minutes)));
        _down = Math.Min(cap, Math.Max(0, _down + ((-z - options.Allowance) * minutes)));
        var line = current >= Severity.Warning ? options.Threshold / 4 : options.Threshold;
        if (_up < line && _down < line)
        {
            _firingSince = 0;
            return Signal.Clear;
        }

        _firingSince = _firingSince == 0 ? now : _firingSince;
        if (now - _firingSince < options.NewNormal.Ticks)
        {
            return Signal.Warning;
        }

        // Persisted: this is how the node is now. Move the learned profile to it rather than keep flagging it.
        _profile.Shift(_offset);
        (_up, _down, _firingSince, _adopted, _offset) = (0, 0, 0, true, 0);
        return Signal.Clear;
    }
}
