using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Domain.Text;

namespace ChatOpsWatch.Domain.Engine;

/// <summary>
/// Static threshold, above or below. <paramref name="worded"/> names an indicator whose reasons the catalogue words
/// itself ("not running" for proc.running rather than "0 below 0.5"; "expires in 9 days" for a certificate), given the
/// value and the level passed.
/// </summary>
public sealed class ThresholdSource(Levels levels, string? worded = null) : ISignalSource
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

    public string Describe(TextCatalog texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        if (worded is not null && _signal != Signal.Missing)
        {
            var level = _signal == Signal.Critical ? levels.Critical ?? levels.Warning : levels.Warning;
            return texts.Format($"reason.worded.{worded}.{(_signal == Signal.Clear ? "up" : "down")}", _last, level);
        }

        var side = levels.Direction == Direction.Above ? "above" : "below";
        return _signal switch
        {
            Signal.Critical => texts.Format($"reason.{side}.critical", _last, levels.Critical),
            Signal.Warning => texts.Format($"reason.{side}.warning", _last, levels.Warning),
            _ => texts.Format("reason.value", _last),
        };
    }
}

/// <summary>Fires when no sample has arrived: the rule's <c>for</c> is the tolerated gap.</summary>
public sealed class AbsenceSource(Signal severity = Signal.Critical) : ISignalSource
{
    public Signal Classify(double? value, DateTimeOffset now, Severity current) =>
        value is { } v && !double.IsNaN(v) ? Signal.Clear : severity;

    public string Describe(TextCatalog texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        return texts["reason.absent"];
    }
}
