namespace ChatOpsWatch.Domain.Storage;

/// <summary>Where samples are kept: every poll (raw), or one row per node and bucket of 5 minutes or 1 hour.</summary>
public enum SampleTier
{
    Raw = 0,
    FiveMinutes = 1,
    Hour = 2,
}

/// <summary>Bucket arithmetic of the tiers, in unix milliseconds. Buckets are aligned to the epoch (UTC).</summary>
public static class SampleTiers
{
    public static long WidthMs(SampleTier tier) => tier switch
    {
        SampleTier.FiveMinutes => 5 * 60_000L,
        SampleTier.Hour => 3_600_000L,
        _ => 0,
    };

    /// <summary>The start of the bucket of <paramref name="tier"/> holding <paramref name="atMs"/>.</summary>
    public static long BucketStart(SampleTier tier, long atMs)
    {
        var width = WidthMs(tier);
        if (width == 0)
        {
            return atMs;
        }

        // Saturates instead of wrapping: long.MinValue stands for "nothing yet" (no rollup mark), and aligning it down
        // wrapped around to a time far in the future, so retention deleted every raw row of a fresh database.
        var offset = ((atMs % width) + width) % width;
        return atMs < long.MinValue + offset ? long.MinValue : atMs - offset;
    }

    /// <summary>The tier a read of <paramref name="span"/> back from now uses: raw up to a day, 5 minutes up to 7 days, hours beyond.</summary>
    public static SampleTier ForSpan(TimeSpan span) =>
        span <= TimeSpan.FromDays(1) ? SampleTier.Raw : span <= TimeSpan.FromDays(7) ? SampleTier.FiveMinutes : SampleTier.Hour;
}
