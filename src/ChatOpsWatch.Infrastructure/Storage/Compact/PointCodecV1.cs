namespace ChatOpsWatch.Infrastructure.Storage.Compact;

/// <summary>
/// Format 1 of a poll's blob (schema v15): the count, then per value (by ascending series id) the id's distance from
/// the one before and the value. Read until <see cref="SqliteCompaction"/> converted every row; written only by tests
/// that make a database as schema v15 did.
/// </summary>
internal static class PointCodecV1
{
    public static byte[] Encode(IReadOnlyList<(int Id, double Value)> sorted)
    {
        var w = new BlobWriter();
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
