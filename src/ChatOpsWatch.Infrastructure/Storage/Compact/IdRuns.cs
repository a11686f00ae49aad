namespace ChatOpsWatch.Infrastructure.Storage.Compact;

/// <summary>
/// A sorted list of series ids as runs of consecutive ids: the number of runs, then per run the gap after the previous
/// run's end and the run's length less one. A node's series were mostly registered together, so its 41 ids take about
/// 3 bytes instead of one byte each.
/// </summary>
internal static class IdRuns
{
    public static void Write(BlobWriter w, ReadOnlySpan<int> sorted)
    {
        var runs = 0;
        for (var i = 0; i < sorted.Length; i++)
        {
            if (i == 0 || sorted[i] != sorted[i - 1] + 1)
            {
                runs++;
            }
        }

        w.Varint((ulong)runs);
        var end = 0; // one past the previous run
        var start = 0;
        for (var i = 1; i <= sorted.Length; i++)
        {
            if (i == sorted.Length || sorted[i] != sorted[i - 1] + 1)
            {
                w.Varint((ulong)(sorted[start] - end));
                w.Varint((ulong)(i - start - 1));
                end = sorted[i - 1] + 1;
                start = i;
            }
        }
    }

    public static int[] Read(ref BlobReader r)
    {
        var runs = (int)r.Varint();
        var ids = new List<int>(runs == 1 ? 48 : 64);
        var end = 0;
        for (var i = 0; i < runs; i++)
        {
            var first = end + (int)r.Varint();
            var length = (int)r.Varint() + 1;
            for (var k = 0; k < length; k++)
            {
                ids.Add(first + k);
            }

            end = first + length;
        }

        return [.. ids];
    }
}
