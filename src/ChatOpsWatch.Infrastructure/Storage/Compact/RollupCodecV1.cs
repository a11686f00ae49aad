using ChatOpsWatch.Domain.Storage;

namespace ChatOpsWatch.Infrastructure.Storage.Compact;

/// <summary>
/// Format 1 of a rollup blob (schema v15), read until <see cref="SqliteCompaction"/> converted every row and written
/// only by tests that make a database as schema v15 did. One node's bucket of one rollup tier: the polls in the bucket, then per series (ascending id) the id's
/// distance shifted left 2 with two flags (bit 0: the series was constant, so min, max and mean equal the last value
/// and are not written; bit 1: its count differs from the polls and follows), then last, and unless constant min,
/// max and the mean (see <see cref="BlobWriter.Mean"/>).
/// </summary>
internal static class RollupCodecV1
{
    public static byte[] Encode(int polls, IReadOnlyList<(int Id, RollupStats Stats)> sorted)
    {
        var w = new BlobWriter();
        w.Varint((ulong)polls);
        var last = 0;
        foreach (var (id, s) in sorted)
        {
            var constant = Same(s.Min, s.Last) && Same(s.Max, s.Last) && Same(s.Avg, s.Last);
            var flags = (constant ? 1UL : 0) | (s.Count != polls ? 2UL : 0);
            w.Varint(((ulong)(id - last) << 2) | flags);
            if (s.Count != polls)
            {
                w.Varint((ulong)s.Count);
            }

            w.Value(s.Last);
            if (!constant)
            {
                w.Value(s.Min);
                w.Value(s.Max);
                w.Mean(s.Avg);
            }

            last = id;
        }

        return w.ToArray();
    }

    public static (int Polls, List<(int Id, RollupStats Stats)> Series) Decode(ReadOnlySpan<byte> blob)
    {
        var r = new BlobReader(blob);
        var polls = (int)r.Varint();
        var series = new List<(int, RollupStats)>();
        var id = 0;
        while (!r.AtEnd)
        {
            var head = r.Varint();
            id += (int)(head >> 2);
            series.Add((id, Read(ref r, head, polls)));
        }

        return (polls, series);
    }

    /// <summary>The stats of series <paramref name="wanted"/> in the bucket, or null.</summary>
    public static RollupStats? Find(ReadOnlySpan<byte> blob, int wanted)
    {
        var r = new BlobReader(blob);
        var polls = (int)r.Varint();
        var id = 0;
        while (!r.AtEnd)
        {
            var head = r.Varint();
            id += (int)(head >> 2);
            var stats = Read(ref r, head, polls);
            if (id == wanted)
            {
                return stats;
            }

            if (id > wanted)
            {
                return null;
            }
        }

        return null;
    }

    private static RollupStats Read(ref BlobReader r, ulong head, int polls)
    {
        var count = (head & 2) != 0 ? (int)r.Varint() : polls;
        var last = r.Value();
        return (head & 1) != 0
            ? new RollupStats(last, last, last, last, count)
            : new RollupStats(r.Value(), r.Value(), r.Value(), last, count);
    }

    private static bool Same(double a, double b) => BitConverter.DoubleToInt64Bits(a) == BitConverter.DoubleToInt64Bits(b);
}
