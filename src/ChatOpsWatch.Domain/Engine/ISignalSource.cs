using ChatOpsWatch.Domain.Alerts;

namespace ChatOpsWatch.Domain.Engine;

/// <summary>
/// Turns one series' samples into <see cref="Signal"/>s for a rule. Sources that learn (baseline, forecast, rate)
/// keep their own causal state: they see samples in time order and only use samples up to <c>now</c>.
/// Classify never throws on odd values: NaN counts as missing.
/// </summary>
public interface ISignalSource
{
    /// <param name="value">The sample, or null when none arrived for this evaluation.</param>
    /// <param name="now">The evaluation time; sources must not look past it.</param>
    /// <param name="current">The alert's firing severity, so recovery thresholds (hysteresis) can apply.</param>
    Signal Classify(double? value, DateTimeOffset now, Severity current);

    /// <summary>A short human reason for the latest classification, e.g. "94.1 above 90 (critical)".</summary>
    string Describe();
}

public enum Direction
{
    Above = 0,
    Below = 1,
}

/// <summary>
/// Two-tier trigger levels with separate recovery levels (hysteresis). A firing alert stays at a tier until the
/// value crosses that tier's recovery level, which lies on the "healthy" side of its trigger level.
/// A null critical level means the rule only ever warns.
/// </summary>
public sealed record Levels(Direction Direction, double Warning, double? Critical = null, double? WarningRecovery = null, double? CriticalRecovery = null)
{
    public Signal Classify(double value, Severity current)
    {
        if (Critical is { } c && (Past(value, c) || (current == Severity.Critical && Past(value, CriticalRecovery ?? c, strict: true))))
        {
            return Signal.Critical;
        }

        return Past(value, Warning) || (current >= Severity.Warning && Past(value, WarningRecovery ?? Warning, strict: true))
            ? Signal.Warning
            : Signal.Clear;
    }

    public IEnumerable<(string Field, string Message)> Problems()
    {
        var sign = Direction == Direction.Above ? 1 : -1;
        if (Critical is { } c && sign * (c - Warning) < 0)
        {
            yield return (nameof(Critical), $"must be {(sign > 0 ? "at least" : "at most")} Warning ({Warning}), got {c}");
        }

        if (WarningRecovery is { } wr && sign * (Warning - wr) < 0)
        {
            yield return (nameof(WarningRecovery), $"must lie on the healthy side of Warning ({Warning}), got {wr}");
        }

        if (CriticalRecovery is { } cr && Critical is { } c2 && sign * (c2 - cr) < 0)
        {
            yield return (nameof(CriticalRecovery), $"must lie on the healthy side of Critical ({c2}), got {cr}");
        }
    }

    private bool Past(double value, double level, bool strict = false) => Direction == Direction.Above
        ? (strict ? value > level : value >= level)
        : (strict ? value < level : value <= level);
}

/// <summary>Static threshold, above or below.</summary>
public sealed class ThresholdSource(Levels levels) : ISignalSource
{
    private double _last;
    private Signal _signal;

    public Signal Classify(double? value, DateTimeOffset now, Severity current)
    {
        if (value is not { } v || double.IsNaN(v))
        {
            return _signal = Signal.Missing;
        }

        _last = v;
        return _signal = levels.Classify(v, current);
    }

    public string Describe() => _signal switch
    {
        Signal.Critical => $"{_last:0.##} {Word()} {levels.Critical:0.##} (critical)",
        Signal.Warning => $"{_last:0.##} {Word()} {levels.Warning:0.##}",
        _ => $"{_last:0.##}",
    };

    private string Word() => levels.Direction == Direction.Above ? "above" : "below";
}

/// <summary>Fires when no sample has arrived: the rule's <c>for</c> is the tolerated gap.</summary>
public sealed class AbsenceSource(Signal severity = Signal.Critical) : ISignalSource
{
    public Signal Classify(double? value, DateTimeOffset now, Severity current) =>
        value is { } v && !double.IsNaN(v) ? Signal.Clear : severity;

    public string Describe() => "no samples";
}
