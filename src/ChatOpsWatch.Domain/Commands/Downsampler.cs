namespace ChatOpsWatch.Domain.Commands;

/// <summary>One value of a series at one time.</summary>
public readonly record struct SeriesPoint(DateTimeOffset At, double Value);

/// <summary>
/// Thins a long series for drawing: the points are cut into equal runs and each run keeps its lowest and highest
/// value in time order, so a one-poll spike still shows. Pure.
/// </summary>
public static class Downsampler
{
    /// <summary>A chart 800 pixels wide gains nothing from more.</summary>
    public const int DefaultMaxPoints = 2000;

    public static IReadOnlyList<SeriesPoint> MinMax(IReadOnlyList<SeriesPoint> points, int maxPoints = DefaultMaxPoints)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPoints, 2);
        if (points.Count <= maxPoints)
        {
            return points;
        }

        var buckets = maxPoints / 2;
        var result = new List<SeriesPoint>(buckets * 2);
        for (var b = 0; b < buckets; b++)
        {
            var from = (int)((long)points.Count * b / buckets);
            var to = (int)((long)points.Count * (b + 1) / buckets);
            var min = points[from];
            var max = points[from];
            for (var i = from + 1; i < to; i++)
            {
                min = points[i].Value < min.Value ? points[i] : min;
                max = points[i].Value > max.Value ? points[i] : max;
            }

            if (min.At == max.At)
            {
                result.Add(min);
            }
            else
            {
                result.Add(min.At < max.At ? min : max);
                result.Add(min.At < max.At ? max : min);
            }
        }

        return result;
    }
}
