namespace ChatOpsWatch.Domain.Engine.Quality;

/// <summary>
/// Scores a detector's episodes against labelled windows, counting every episode of any severity (info included),
/// by the start of the episode (the moment someone would be told):
/// <list type="bullet">
/// <item>An episode starting inside a window [Start, End] is a detection of it; the first one scores
/// σ(y) = 2 / (1 + e^(5y)) − 1 with y = (t − End) / (End − Start) ∈ [−1, 0], so 0.987 at the window's start
/// falling to 0 at its end (NAB's scaled sigmoid). Later detections in the same window count for nothing.</item>
/// <item>An episode starting outside every window is a false episode and costs <see cref="FalseCost"/> (0.11,
/// NAB's standard profile).</item>
/// <item>A window with no detection costs 1.</item>
/// </list>
/// The windowed score is 100 × (S − S_null) / (S_perfect − S_null), where S is the sum above, S_null = −windows
/// (no detections at all) and S_perfect = windows × σ(−1) (each window caught at its first sample, nothing false):
/// 0 = no detections, 100 = perfect, negative = worse than staying silent. Pure: no IO, no clock.
/// </summary>
public static class QualityScorer
{
    public const double FalseCost = 0.11;

    public static double Sigma(double y) => (2 / (1 + Math.Exp(5 * y))) - 1;

    public static QualityResult Score(IReadOnlyList<ScoredSeries> corpus)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        var outcomes = new List<WindowOutcome>();
        var falseBySeries = new Dictionary<string, int>(StringComparer.Ordinal);
        int episodes = 0, falses = 0;
        double raw = 0, weeks = 0;
        foreach (var series in corpus)
        {
            weeks += series.Span.TotalDays / 7;
            var first = new DateTimeOffset?[series.Windows.Count];
            foreach (var e in series.Episodes)
            {
                episodes++;
                var w = IndexOf(series.Windows, e.Start);
                if (w < 0)
                {
                    falses++;
                    falseBySeries[series.Name] = falseBySeries.GetValueOrDefault(series.Name) + 1;
                    raw -= FalseCost;
                }
                else if (first[w] is null || e.Start < first[w])
                {
                    first[w] = e.Start;
                }
            }

            for (var i = 0; i < series.Windows.Count; i++)
            {
                var w = series.Windows[i];
                var score = first[i] is { } d ? Sigma((d - w.End) / Length(w)) : -1;
                raw += score;
                outcomes.Add(new WindowOutcome(series.Name, w, first[i], score));
            }
        }

        var n = outcomes.Count;
        var (none, perfect) = (-1.0 * n, n * Sigma(-1));
        var leads = outcomes.Where(o => o.LeadMinutes is not null).Select(o => o.LeadMinutes!.Value).Order().ToArray();
        return new QualityResult(
            corpus.Count,
            weeks,
            episodes,
            falses,
            n,
            leads.Length,
            leads.Length == 0 ? null : Robust.SortedQuantile(leads, 0.5),
            n == 0 ? 0 : 100 * (raw - none) / (perfect - none),
            outcomes,
            falseBySeries);
    }

    private static TimeSpan Length(LabelledWindow w) => w.End > w.Start ? w.End - w.Start : TimeSpan.FromMinutes(1);

    private static int IndexOf(IReadOnlyList<LabelledWindow> windows, DateTimeOffset t)
    {
        for (var i = 0; i < windows.Count; i++)
        {
            if (t >= windows[i].Start && t <= windows[i].End)
            {
                return i;
            }
        }

        return -1;
    }
}
