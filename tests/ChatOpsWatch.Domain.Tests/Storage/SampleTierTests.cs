using ChatOpsWatch.Domain.Storage;

namespace ChatOpsWatch.Domain.Tests.Storage;

public sealed class SampleTierTests
{
    [Theory]
    [InlineData(SampleTier.FiveMinutes)]
    [InlineData(SampleTier.Hour)]
    public void BucketStart_NothingYet_StaysInThePast(SampleTier tier) =>
        Assert.Equal(long.MinValue, SampleTiers.BucketStart(tier, long.MinValue)); // it wrapped to a time in the future

    [Fact]
    public void BucketStart_AnyTime_AlignsDown()
    {
        Assert.Equal(300_000, SampleTiers.BucketStart(SampleTier.FiveMinutes, 599_999));
        Assert.Equal(-300_000, SampleTiers.BucketStart(SampleTier.FiveMinutes, -1));
    }

    [Fact]
    public void Cutoff_NoRollupYet_DeletesNoRawRow()
    {
        var now = DateTimeOffset.Parse("2026-12-04T02:00:00Z", System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeMilliseconds();
        var cutoff = RetentionPolicy.Cutoff(SampleTier.Raw, RetentionOptions.Default, new RollupMarks(null, null), now);

        Assert.Equal(long.MinValue, SampleTiers.BucketStart(SampleTier.FiveMinutes, cutoff));
    }
}
