namespace ChatOpsWatch.Domain.Storage;

/// <summary>
/// How long each tier is kept (Storage:RawDays, 35 days of 5-minute rollups, 400 days of hourly ones) and the size
/// budget (Storage:MaxSizeMb, null: none). Alert history, the audit log and the outbox are never pruned by it.
/// </summary>
public sealed record RetentionOptions(TimeSpan Raw, TimeSpan FiveMinutes, TimeSpan Hour, long? MaxBytes)
{
    public static RetentionOptions Default { get; } = new(TimeSpan.FromDays(8), TimeSpan.FromDays(35), TimeSpan.FromDays(400), null);

    /// <summary>A poll is rolled up once its 5-minute bucket ended this long ago, so a slow poll's late commit still counts.</summary>
    public static TimeSpan Grace { get; } = TimeSpan.FromMinutes(2);

    public TimeSpan Keep(SampleTier tier) => tier switch
    {
        SampleTier.Raw => Raw,
        SampleTier.FiveMinutes => FiveMinutes,
        _ => Hour,
    };
}

/// <summary>
/// The rollup watermarks: every bucket of the tier that starts before its mark is rolled up, none after (unix ms;
/// null before the first rollup). A mark moves in the same transaction as the rows it covers, so a crash never
/// counts a bucket twice nor skips one.
/// </summary>
public sealed record RollupMarks(long? FiveMinutes, long? Hour)
{
    public long? Of(SampleTier tier) => tier == SampleTier.FiveMinutes ? FiveMinutes : Hour;
}

/// <summary>The pure decisions of retention and rollups. Time is a parameter (unix ms); nothing here reads a clock.</summary>
public static class RetentionPolicy
{
    /// <summary>The tier each rollup tier is made from.</summary>
    public static SampleTier SourceOf(SampleTier tier) => tier == SampleTier.Hour ? SampleTier.FiveMinutes : SampleTier.Raw;

    /// <summary>
    /// The buckets of <paramref name="tier"/> to roll up now, [From, To), at most <paramref name="maxBuckets"/> of them;
    /// null when none is complete. A bucket is complete when its end is at or before <paramref name="readyMs"/> (for
    /// 5 minutes: now less the grace; for hours: the 5-minute mark). The first rollup starts at the bucket of the oldest
    /// source row (<paramref name="oldestSourceMs"/>, null: no data yet).
    /// </summary>
    public static (long From, long To)? DueBuckets(SampleTier tier, long? mark, long? oldestSourceMs, long readyMs, int maxBuckets)
    {
        var width = SampleTiers.WidthMs(tier);
        long? start = mark ?? (oldestSourceMs is { } oldest ? SampleTiers.BucketStart(tier, oldest) : null);
        if (start is not { } from)
        {
            return null;
        }

        var end = SampleTiers.BucketStart(tier, readyMs);
        var to = Math.Min(end, from + (width * maxBuckets));
        return to > from ? (from, to) : null;
    }

    /// <summary>When the rows that feed <paramref name="tier"/>'s rollups have been rolled up (the 5-minute mark feeds hours).</summary>
    public static long ReadyMs(SampleTier tier, RollupMarks marks, long nowMs) => tier == SampleTier.FiveMinutes
        ? nowMs - (long)RetentionOptions.Grace.TotalMilliseconds
        : marks.FiveMinutes ?? long.MinValue;

    /// <summary>
    /// Rows of <paramref name="tier"/> taken before the returned time may be deleted: they are older than the tier's
    /// retention and already rolled up into the next tier (raw into 5 minutes, 5 minutes into hours); hours have no next tier.
    /// </summary>
    public static long Cutoff(SampleTier tier, RetentionOptions options, RollupMarks marks, long nowMs)
    {
        var byAge = nowMs - (long)options.Keep(tier).TotalMilliseconds;
        var rolled = tier switch
        {
            SampleTier.Raw => marks.FiveMinutes ?? long.MinValue,
            SampleTier.FiveMinutes => marks.Hour ?? long.MinValue,
            _ => long.MaxValue,
        };
        return Math.Min(byAge, rolled);
    }

    /// <summary>
    /// Over the budget: the rollup tier whose oldest row goes first (the older of the two oldest rows; hours on a tie),
    /// or null when within it or there is no rollup left to drop. Raw rows are never dropped by the budget: they go by age.
    /// </summary>
    public static SampleTier? OverBudget(long usedBytes, long? maxBytes, long? oldestFiveMinutes, long? oldestHour)
    {
        if (maxBytes is not { } max || usedBytes <= max)
        {
            return null;
        }

        return (oldestFiveMinutes, oldestHour) switch
        {
            (null, null) => null,
            (null, _) => SampleTier.Hour,
            (_, null) => SampleTier.FiveMinutes,
            var (f, h) => f < h ? SampleTier.FiveMinutes : SampleTier.Hour,
        };
    }
}
