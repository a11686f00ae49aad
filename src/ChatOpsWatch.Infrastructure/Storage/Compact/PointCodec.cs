namespace ChatOpsWatch.Infrastructure.Storage.Compact;

/// <summary>
/// One poll's values as a blob: the count, then per value (by ascending series id) the id's distance from the one
/// before and the value (see <see cref="BlobWriter"/>). A poll of 39 metrics takes about 110 bytes instead of the
/// 1,138 of its JSON object.
/// </summary>
internal static class PointCodec
{
    [ThreadStatic]
    private static BlobWriter? _writer;

    public static byte[] Encode(IReadOnlyList<(int Id, double Value)> sorted)
    {
        var w = _writer ??= new BlobWriter();
        w.Clear();
        w.Varint((ulong)sorted.Count);
        var last = 0;
        foreach (var (id, value) in sorted)
        {
            w.Varint((ulong)(id - last));
            w.Value(value);
            last = id;
        }

        return w.ToArray();
    }

    public static void Decode(ReadOnlySpan<byte> blob, Action<int, double> visit)
    {
        var r = new BlobReader(blob);
        var count = (int)r.Varint();
        var id = 0;
        for (var i = 0; i < count; i++)
        {
            id += (int)r.Varint();
            visit(id, r.Value());
        }
    }

    public static List<(int Id, double Value)> Decode(ReadOnlySpan<byte> blob)
    {
        var r = new BlobReader(blob);
        var count = (int)r.Varint();
        var values = new List<(int, double)>(count);
        var id = 0;
        for (var i = 0; i < count; i++)
        {
            id += (int)r.Varint();
            values.Add((id, r.Value()));
        }

        return values;
    }

    /// <summary>The value of series <paramref name="wanted"/>, or null; stops at the first id past it.</summary>
    public static double? Find(ReadOnlySpan<byte> blob, int wanted)
    {
        var r = new BlobReader(blob);
        var count = (int)r.Varint();
        var id = 0;
        for (var i = 0; i < count; i++)
        {
            id += (int)r.Varint();
            if (id == wanted)
            {
                return r.Value();
            }

            if (id > wanted)
            {
                return null;
            }

            r.SkipValue();
        }

        return null;
    }
}
