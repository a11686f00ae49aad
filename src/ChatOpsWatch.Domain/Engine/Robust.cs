namespace ChatOpsWatch.Domain.Engine;

/// <summary>Small robust-statistics helpers over sorted spans.</summary>
public static class Robust
{
    /// <summary>Median by quickselect (average of the two middle values for an even count); reorders the span.</summary>
    public static double Median(Span<double> values)
    {
        if (values.IsEmpty)
        {
            return double.NaN;
        }

        var upper = Select(values, values.Length / 2);
        if (values.Length % 2 == 1)
        {
            return upper;
        }

        // After the select, the lower middle is the largest value left of the upper one.
        var lower = double.NegativeInfinity;
        foreach (var v in values[..(values.Length / 2)])
        {
            lower = Math.Max(lower, v);
        }

        return (lower + upper) / 2;
    }

    /// <summary>The k-th smallest value (Hoare quickselect, middle pivot); partially reorders the span.</summary>
    public static double Select(Span<double> values, int k)
    {
        var (lo, hi) = (0, values.Length - 1);
        while (lo < hi)
        {
            var pivot = values[lo + ((hi - lo) / 2)];
            var (i, j) = (lo, hi);
            while (i <= j)
            {
                while (values[i] < pivot)
                {
                    i++;
                }

                while (values[j] > pivot)
                {
                    j--;
                }

                if (i <= j)
                {
                    (values[i], values[j]) = (values[j], values[i]);
                    i++;
                    j--;
                }
            }

            if (k <= j)
            {
                hi = j;
            }
            else if (k >= i)
            {
                lo = i;
            }
            else
            {
                break;
            }
        }

        return values[k];
    }

    /// <summary>Linear-interpolated quantile of an ascending span; NaN when empty.</summary>
    public static double SortedQuantile(ReadOnlySpan<double> sorted, double q)
    {
        if (sorted.IsEmpty)
        {
            return double.NaN;
        }

        var pos = q * (sorted.Length - 1);
        var lo = (int)pos;
        var hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + ((pos - lo) * (sorted[hi] - sorted[lo]));
    }
}
