using ChatOpsWatch.Domain.Alerts;

namespace ChatOpsWatch.Domain.Engine;

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
