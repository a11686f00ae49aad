using ChatOpsWatch.Domain.Alerts;

namespace ChatOpsWatch.Domain.Engine;

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
