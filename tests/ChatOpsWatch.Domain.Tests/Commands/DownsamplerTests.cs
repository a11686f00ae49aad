using ChatOpsWatch.Domain.Commands;

namespace ChatOpsWatch.Domain.Tests.Commands;

public sealed class DownsamplerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 17, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void MinMax_WeekOf30sPolls_KeepsAtMost2000PointsInOrderWithTheSpike()
    {
        var points = Enumerable.Range(0, 20_160).Select(i => new SeriesPoint(T0.AddSeconds(30 * i), i == 12_345 ? 99 : 10)).ToList();

        var drawn = Downsampler.MinMax(points);

        Assert.InRange(drawn.Count, 1000, Downsampler.DefaultMaxPoints);
        Assert.Contains(drawn, p => p.Value == 99);
        Assert.True(drawn.Zip(drawn.Skip(1)).All(pair => pair.First.At < pair.Second.At), "oldest first, no duplicates");
        Assert.Equal(points[0].At, drawn[0].At);
    }

    [Fact]
    public void MinMax_ShortSeries_IsReturnedAsIs()
    {
        var points = Enumerable.Range(0, 100).Select(i => new SeriesPoint(T0.AddMinutes(i), i)).ToList();

        Assert.Same(points, Downsampler.MinMax(points));
    }
}
