namespace ChatOpsWatch.Domain.Engine.Quality;

/// <summary>
/// A labelled incident of a corpus series: the fault's window and <paramref name="At"/>, the moment it does harm
/// (the onset for a sudden fault, the moment the resource runs out for a slow one), which lead time is taken from.
/// </summary>
public sealed record LabelledWindow(string Kind, DateTimeOffset Start, DateTimeOffset End, DateTimeOffset At);

/// <summary>One series of a corpus replayed by one detector: its span, its labels and the detector's episodes.</summary>
public sealed record ScoredSeries(string Name, string Metric, TimeSpan Span, IReadOnlyList<LabelledWindow> Windows, IReadOnlyList<AlertEpisode> Episodes);

/// <summary>Per labelled window: the first detection inside it, if any, and its windowed score.</summary>
public sealed record WindowOutcome(string Series, LabelledWindow Window, DateTimeOffset? FirstDetection, double Score)
{
    /// <summary>Minutes from the first detection to the harm (<see cref="LabelledWindow.At"/>); positive = early.</summary>
    public double? LeadMinutes => FirstDetection is { } d ? (Window.At - d).TotalMinutes : null;
}

/// <summary>A detector's figures over a corpus split.</summary>
public sealed record QualityResult(
    int Series,
    double Weeks,
    int Episodes,
    int FalseEpisodes,
    int Windows,
    int Detected,
    double? MedianLeadMinutes,
    double WindowedScore,
    IReadOnlyList<WindowOutcome> Outcomes,
    IReadOnlyDictionary<string, int> FalseBySeries)
{
    public double FalsePerWeekPerSeries => Weeks <= 0 ? 0 : FalseEpisodes / Weeks;

    public double Recall => Windows == 0 ? 0 : (double)Detected / Windows;
}
