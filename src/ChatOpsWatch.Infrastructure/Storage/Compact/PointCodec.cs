namespace ChatOpsWatch.Infrastructure.Storage.Compact;

/// <summary>
/// One poll's values as a blob (format 2, issue 14): a 0 byte, the series ids as runs (<see cref="IdRuns"/>), then the
/// values in id order (see <see cref="BlobWriter"/>). A poll of 41 metrics takes about 110 bytes instead of the 1,138
/// of its JSON object. Format 1 (schema v15: the count, then per value the id's distance and the value; it never
/// starts with a 0 byte unless it is that one byte) is still read, and converted by <see cref="SqliteCompaction"/>.
/// </summary>
internal static class PointCodec
{
    [ThreadStatic]
    private static BlobWriter? _writer;

    public static byte[] Encode(IReadOnlyList<(int Id, double Value)> sorted)
    {
        var w = _writer ??= new BlobWriter();
        w.Clear();
        w.Byte(0);
        var ids = new int[sorted.Count];
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = sorted[i].Id;
        }

        IdRuns.Write(w, ids);
        foreach (var (_, value) in sorted)
        {
            w.Value(value);
        }

        return w.ToArray();
    }

    /// <summary>Whether <paramref name="blob"/> is format 2 (format 1 never starts with 0 but for the empty poll, one byte).</summary>
    public static bool IsCurrent(ReadOnlySpan<byte> blob) => blob.Length >= 2 && blob[0] == 0;

    public static void Decode(ReadOnlySpan<byte> blob, Action<int, double> visit)
    {
        if (!IsCurrent(blob))
        {
            PointCodecV1.Decode(blob, visit);
            return;
        }

        var r = new BlobReader(blob);
        r.Byte();
        foreach (var id in IdRuns.Read(ref r))
        {
            visit(id, r.Value());
        }
    }

    public static List<(int Id, double Value)> Decode(ReadOnlySpan<byte> blob)
    {
        var values = new List<(int, double)>(48);
        if (!IsCurrent(blob))
        {
            PointCodecV1.Decode(blob, (id, v) => values.Add((id, v)));
            return values;
        }

        var r = new BlobReader(blob);
        r.Byte();
        foreach (var id in IdRuns.Read(ref r))
        {
            values.Add((id, r.Value()));
        }

        return values;
    }

    /// <summary>The value of series <paramref name="wanted"/>, or null.</summary>
    public static double? Find(ReadOnlySpan<byte> blob, int wanted)
    {
        if (!IsCurrent(blob))
        {
            return PointCodecV1.Find(blob, wanted);
        }

        var r = new BlobReader(blob);
        r.Byte();
        var index = Array.BinarySearch(IdRuns.Read(ref r), wanted);
        if (index < 0)
        {
            return null;
        }

        for (var i = 0; i < index; i++)
        {
            r.SkipValue();
        }

        return r.Value();
    }
}
