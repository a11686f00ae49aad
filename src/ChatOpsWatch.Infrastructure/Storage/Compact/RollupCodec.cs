using ChatOpsWatch.Domain.Storage;

namespace ChatOpsWatch.Infrastructure.Storage.Compact;

/// <summary>
/// One node's bucket of one rollup tier as a blob (format 2, issue 14): a 0 byte, the polls in the bucket, the series
/// ids as runs (<see cref="IdRuns"/>), one nibble per series saying its form (0 to 5: integers at that many digits after the point, 6: constant, 7: the escape of four values; bit 3: its count
/// differs from the polls and leads its payload), then the payloads. Most series are decimals at a few digits: their
/// stats are integers at that scale, min and the distances max − min, max − last and sum − min × count, so a moving
/// percentage takes 5 to 7 bytes instead of 12 and a byte counter's last value (its max) one. The mean is the sum over
/// the count, kept exactly (<see cref="MeanOf"/>); a mean that no short sum gives back exactly (format 1's float32
/// means) takes the escape form. Decoding gives back the very same doubles that were encoded.
/// Format 1 (<see cref="RollupCodecV1"/>: it starts with the polls, never 0) is still read.
/// </summary>
internal static class RollupCodec
{
    private const int Constant = 6;
    private const int Escape = 7;
    private const int CountDiffers = 8;
    private const long Exact = 1L << 53;

    [ThreadStatic]
    private static BlobWriter? _writer;

    public static bool IsCurrent(ReadOnlySpan<byte> blob) => blob.Length >= 1 && blob[0] == 0;

    /// <summary>The mean of <paramref name="count"/> values summing to <paramref name="sum"/> / 10^<paramref name="scale"/>: one correctly rounded division.</summary>
    public static double MeanOf(long sum, int scale, int count) => (double)sum / (BlobWriter.Pow10[scale] * count);

    /// <summary>The sum at <paramref name="scale"/> that gives back <paramref name="s"/>'s mean exactly through <see cref="MeanOf"/>, if there is one.</summary>
    public static bool TryExactSum(RollupStats s, out long sum, out int scale)
    {
        (sum, scale) = (0, 0);
        if (double.IsNaN(s.Avg) || s.Count <= 0
            || !BlobWriter.TryDecimal(s.Min, 5, out _, out var a) || !BlobWriter.TryDecimal(s.Max, 5, out _, out var b) || !BlobWriter.TryDecimal(s.Last, 5, out _, out var c))
        {
            return false;
        }

        for (scale = Math.Max(a, Math.Max(b, c)); scale <= 5; scale++)
        {
            var guess = Math.Round(s.Avg * s.Count * BlobWriter.Pow10[scale]);
            if (Math.Abs(guess) < Exact && MeanOf((long)guess, scale, s.Count) == s.Avg)
            {
                sum = (long)guess;
                return true;
            }
        }

        return false;
    }

    public static byte[] Encode(int polls, IReadOnlyList<(int Id, RollupStats Stats)> sorted)
    {
        var n = sorted.Count;
        var forms = new Form[n];
        var ids = new int[n];
        for (var i = 0; i < n; i++)
        {
            ids[i] = sorted[i].Id;
            forms[i] = Form.Of(sorted[i].Stats, polls);
        }

        var w = _writer ??= new BlobWriter();
        w.Clear();
        w.Byte(0);
        w.Varint((ulong)polls);
        IdRuns.Write(w, ids);
        for (var i = 0; i < n; i += 2)
        {
            w.Byte((byte)(forms[i].Nibble | (i + 1 < n ? forms[i + 1].Nibble << 4 : 0)));
        }

        for (var i = 0; i < n; i++)
        {
            forms[i].Write(w, sorted[i].Stats);
        }

        return w.ToArray();
    }

    public static (int Polls, List<(int Id, RollupStats Stats)> Series) Decode(ReadOnlySpan<byte> blob)
    {
        if (!IsCurrent(blob))
        {
            return RollupCodecV1.Decode(blob);
        }

        var r = new BlobReader(blob);
        var (polls, ids, nibbles) = Header(ref r);
        var series = new List<(int, RollupStats)>(ids.Length);
        for (var i = 0; i < ids.Length; i++)
        {
            series.Add((ids[i], Read(ref r, Nibble(nibbles, i), polls)));
        }

        return (polls, series);
    }

    /// <summary>The stats of series <paramref name="wanted"/> in the bucket, or null.</summary>
    public static RollupStats? Find(ReadOnlySpan<byte> blob, int wanted)
    {
        if (!IsCurrent(blob))
        {
            return RollupCodecV1.Find(blob, wanted);
        }

        var r = new BlobReader(blob);
        var (polls, ids, nibbles) = Header(ref r);
        var index = Array.BinarySearch(ids, wanted);
        if (index < 0)
        {
            return null;
        }

        for (var i = 0; i < index; i++)
        {
            Read(ref r, Nibble(nibbles, i), polls); // payloads have no length: reading is skipping
        }

        return Read(ref r, Nibble(nibbles, index), polls);
    }

    private static (int Polls, int[] Ids, byte[] Nibbles) Header(ref BlobReader r)
    {
        r.Byte();
        var polls = (int)r.Varint();
        var ids = IdRuns.Read(ref r);
        var nibbles = new byte[(ids.Length + 1) / 2];
        for (var i = 0; i < nibbles.Length; i++)
        {
            nibbles[i] = r.Byte();
        }

        return (polls, ids, nibbles);
    }

    private static int Nibble(byte[] nibbles, int i) => (nibbles[i / 2] >> (4 * (i % 2))) & 0xF;

    private static RollupStats Read(ref BlobReader r, int nibble, int polls)
    {
        var count = (nibble & CountDiffers) != 0 ? (int)r.Varint() : polls;
        var form = nibble & 7;
        if (form == Constant)
        {
            var v = r.Value();
            return new RollupStats(v, v, v, v, count);
        }

        if (form == Escape)
        {
            var last = r.Value();
            return new RollupStats(r.Value(), r.Value(), r.Value(), last, count);
        }

        var scale = BlobWriter.Pow10[form];
        var min = BlobWriter.UnZigZag(r.Varint());
        var max = min + (long)r.Varint();
        var lastM = max - (long)r.Varint();
        var sum = (min * count) + (long)r.Varint();
        return new RollupStats(min / scale, max / scale, MeanOf(sum, form, count), lastM / scale, count);
    }

    private readonly record struct Form(int Nibble, int Scale, long Min, long Max, long Last, long Sum)
    {
        public static Form Of(RollupStats s, int polls)
        {
            var count = s.Count != polls ? CountDiffers : 0;
            if (Same(s.Min, s.Last) && Same(s.Max, s.Last) && Same(s.Avg, s.Last))
            {
                return new Form(Constant | count, 0, 0, 0, 0, 0);
            }

            if (TryExactSum(s, out var sum, out var scale)
                && BlobWriter.TryMantissa(s.Min, scale, out var min) && BlobWriter.TryMantissa(s.Max, scale, out var max)
                && BlobWriter.TryMantissa(s.Last, scale, out var last)
                && min <= last && last <= max && Fits(sum - ((Int128)min * s.Count)))
            {
                return new Form(scale | count, scale, min, max, last, sum);
            }

            return new Form(Escape | count, 0, 0, 0, 0, 0);
        }

        public void Write(BlobWriter w, RollupStats s)
        {
            if ((Nibble & CountDiffers) != 0)
            {
                w.Varint((ulong)s.Count);
            }

            switch (Nibble & 7)
            {
                case Constant:
                    w.Value(s.Last);
                    break;
                case Escape:
                    w.Value(s.Last);
                    w.Value(s.Min);
                    w.Value(s.Max);
                    w.Value(s.Avg);
                    break;
                default:
                    w.Varint(BlobWriter.ZigZag(Min));
                    w.Varint((ulong)(Max - Min));
                    w.Varint((ulong)(Max - Last));
                    w.Varint((ulong)(Sum - (Min * s.Count)));
                    break;
            }
        }

        private static bool Fits(Int128 excess) => excess >= 0 && excess < Exact;
    }

    private static bool Same(double a, double b) => BitConverter.DoubleToInt64Bits(a) == BitConverter.DoubleToInt64Bits(b);
}
