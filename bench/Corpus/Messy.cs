using System.Globalization;
using System.Text;

namespace ChatOpsWatch.Corpus;

/// <summary>What an export from a real monitor looks like: some of these in every file.</summary>
internal sealed record RowCounts(int Total, int Missing, int Duplicates, int Swapped, int Repeated);

/// <summary>
/// Writes a series as CSV with the mess of real exports: single lost samples, unlabelled export gaps of up to two
/// hours, duplicated rows (re-read with a slightly different value), adjacent rows swapped, and one DST-style repeat
/// in which an hour's rows carry the previous hour's timestamps. NaN values (a node that is down) write no row.
/// </summary>
internal static class Messy
{
    public static RowCounts Write(string path, string metric, double[] values, DateTimeOffset start, TimeSpan step, Random rng)
    {
        var perHour = (int)(TimeSpan.FromHours(1) / step);
        var gapEvery = 14 * 24 * perHour;
        var gaps = new HashSet<int>();
        for (var g = rng.Next(gapEvery); g < values.Length; g += gapEvery)
        {
            var len = (int)(Rng.Between(rng, 20, 120) / 60 * perHour);
            for (var i = g; i < Math.Min(values.Length, g + len); i++)
            {
                gaps.Add(i);
            }
        }

        var repeatAt = (rng.Next(values.Length / perHour / 2) + (values.Length / perHour / 4)) * perHour;
        var rows = new List<(long Ticks, double Value)>(values.Length + 1000);
        int missing = 0, dups = 0, swaps = 0;
        for (var i = 0; i < values.Length; i++)
        {
            if (double.IsNaN(values[i]) || gaps.Contains(i) || rng.NextDouble() < 0.003)
            {
                missing++;
                continue;
            }

            var stamp = start + (step * (i >= repeatAt && i < repeatAt + perHour ? i - perHour : i));
            rows.Add((stamp.UtcTicks, values[i]));
            if (rng.NextDouble() < 0.002)
            {
                rows.Add((stamp.UtcTicks, values[i] * (1 + (0.01 * Rng.Normal(rng)))));
                dups++;
            }

            if (rows.Count > 2 && rng.NextDouble() < 0.0005)
            {
                (rows[^1], rows[^2]) = (rows[^2], rows[^1]);
                swaps++;
            }
        }

        using var file = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16);
        file.Write("timestamp,");
        file.Write(metric);
        file.Write('\n');
        foreach (var (ticks, value) in rows)
        {
            file.Write(new DateTime(ticks, DateTimeKind.Utc).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture));
            file.Write(',');
            file.Write(value.ToString(value >= 1000 ? "0" : "0.###", CultureInfo.InvariantCulture));
            file.Write('\n');
        }

        return new RowCounts(rows.Count, missing, dups, swaps, perHour);
    }
}
