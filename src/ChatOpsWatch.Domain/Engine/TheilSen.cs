namespace ChatOpsWatch.Domain.Engine;

/// <summary>
/// Robust trend of (x, y) points: the median of pairwise slopes (Theil–Sen), so a burst of a few points barely
/// moves it, plus the share of pairs that rise. Shared by the disk-full forecast and the I/O early warning.
/// </summary>
public static class TheilSen
{
    // One scratch per thread, shared by every series the thread fits (a fit runs start to end on one thread, with no
    // await inside). Issue 10: a scratch of 4,096 slopes per disk forecast and 256 per I/O trend, held by every node
    // from its start, was 141 MB of the monitor's 260 MB live heap at 1,000 nodes.
    [ThreadStatic]
    private static double[]? t_scratch;

    /// <summary>As <see cref="Fit(ReadOnlySpan{ValueTuple{double, double}}, ref double[])"/>, with the calling thread's scratch.</summary>
    public static (double Slope, double Rising) Fit(ReadOnlySpan<(double X, double Y)> points)
    {
        var scratch = t_scratch ?? [];
        var fit = Fit(points, ref scratch);
        t_scratch = scratch;
        return fit;
    }

    /// <summary>As <see cref="Held(ReadOnlySpan{ValueTuple{double, double}}, double, ref double[])"/>, with the calling thread's scratch.</summary>
    public static bool Held(ReadOnlySpan<(double X, double Y)> points, double slope)
    {
        var scratch = t_scratch ?? [];
        var held = Held(points, slope, ref scratch);
        t_scratch = scratch;
        return held;
    }

    /// <summary>Median pairwise slope (y per x) and the share of pairs that rise; (0, 0) for fewer than two points.
    /// <paramref name="scratch"/> is grown as needed and reused, so a replay allocates nothing per fit.</summary>
    public static (double Slope, double Rising) Fit(ReadOnlySpan<(double X, double Y)> points, ref double[] scratch)
    {
        var pairs = points.Length * (points.Length - 1) / 2;
        if (pairs == 0)
        {
            return (0, 0);
        }

        if (scratch.Length < pairs)
        {
            scratch = new double[pairs];
        }

        var n = 0;
        var rising = 0;
        for (var i = 0; i < points.Length; i++)
        {
            for (var j = i + 1; j < points.Length; j++)
            {
                var s = (points[j].Y - points[i].Y) / (points[j].X - points[i].X);
                rising += s > 0 ? 1 : 0;
                scratch[n++] = s;
            }
        }

        return (Robust.Median(scratch.AsSpan(0, n)), (double)rising / n);
    }

    /// <summary>
    /// The trend has held: the older half, the newer half and the newest quarter each rise at half of
    /// <paramref name="slope"/> or more. A burst that stopped, or a climb that only just began, fails it.
    /// </summary>
    public static bool Held(ReadOnlySpan<(double X, double Y)> points, double slope, ref double[] scratch)
    {
        var half = points.Length / 2;
        return Fit(points[..half], ref scratch).Slope >= slope / 2
            && Fit(points[half..], ref scratch).Slope >= slope / 2
            && Fit(points[(points.Length - (points.Length / 4))..], ref scratch).Slope >= slope / 2;
    }
}
