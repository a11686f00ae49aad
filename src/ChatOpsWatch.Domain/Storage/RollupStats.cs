namespace ChatOpsWatch.Domain.Storage;

/// <summary>
/// One series over one bucket: min, max, mean, the last value and how many polls gave a value. Merging two adjacent
/// buckets (the earlier first) gives the bucket that spans both, so hourly rollups are made from 5-minute ones.
/// NaN values are counted but left out of min, max and mean (a NaN mean would hide every other value).
/// </summary>
public readonly record struct RollupStats(double Min, double Max, double Avg, double Last, int Count)
{
    public static RollupStats Of(double value) =>
        double.IsNaN(value) ? new(double.NaN, double.NaN, double.NaN, value, 1) : new(value, value, value, value, 1);

    /// <summary>This bucket followed by <paramref name="later"/>.</summary>
    public RollupStats Then(RollupStats later)
    {
        var count = Count + later.Count;
        var (min, max, avg) = (Min, Max, Avg);
        if (double.IsNaN(Avg))
        {
            (min, max, avg) = (later.Min, later.Max, later.Avg);
        }
        else if (!double.IsNaN(later.Avg))
        {
            // Weighted by count; NaN polls carry no weight, which this ignores (rare: a failed parse).
            min = Math.Min(Min, later.Min);
            max = Math.Max(Max, later.Max);
            avg = Avg == later.Avg ? Avg : ((Avg * Count) + (later.Avg * later.Count)) / count;
        }

        return new RollupStats(min, max, avg, later.Last, count);
    }
}
