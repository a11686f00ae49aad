using ChatOpsWatch.Domain.Storage;
using ChatOpsWatch.Infrastructure.Storage.Compact;

namespace ChatOpsWatch.Infrastructure.Tests.Storage.Compact;

public sealed class PointCodecTests
{
    private static readonly double[] Values =
    [
        0, -0.0, 1, -1, 23.45, 99.99, 0.00001, 1e-7, 1.0 / 3, 1_234_567_890_123, 4_503_599_627_370_497, -5.5,
        double.NaN, double.PositiveInfinity, double.NegativeInfinity, double.MaxValue, double.Epsilon, 0.1 + 0.2, 87.123456,
    ];

    [Fact]
    public void Decode_EncodedValues_GivesBackTheSameBits()
    {
        var pairs = Values.Select((v, i) => (Id: (i * 3) + 1, Value: v)).ToList();

        var decoded = PointCodec.Decode(PointCodec.Encode(pairs));

        Assert.Equal(pairs.Select(p => p.Id), decoded.Select(d => d.Id));
        Assert.Equal(pairs.Select(p => BitConverter.DoubleToInt64Bits(p.Value)), decoded.Select(d => BitConverter.DoubleToInt64Bits(d.Value)));
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(7, 1)]
    [InlineData(42, 2)]
    [InlineData(23.45, 3)]
    [InlineData(1_234_567_890_123, 7)]
    [InlineData(0.1 + 0.2, 9)] // not a short decimal, not a float32: the float64 itself
    public void Encode_OneValue_TakesTheBytesOfItsForm(double value, int valueBytes)
    {
        var blob = PointCodec.Encode([(1, value)]);

        Assert.Equal(4 + valueBytes, blob.Length); // the format byte, then one run of ids: the count, its start and its length
    }

    [Fact]
    public void Find_SeriesBeyondTheLastId_IsNullAndPresentOnesAreFound()
    {
        var blob = PointCodec.Encode([(2, 10), (5, 20.5), (9, 30)]);

        Assert.Equal(20.5, PointCodec.Find(blob, 5));
        Assert.Null(PointCodec.Find(blob, 6));
        Assert.Null(PointCodec.Find(blob, 12));
    }

    [Fact]
    public void Decode_FormatOneBlob_GivesTheSameValuesAsFormatTwo()
    {
        var pairs = Values.Select((v, i) => (Id: (i * 3) + 1, Value: v)).ToList();
        var v1 = PointCodecV1.Encode(pairs);

        Assert.False(PointCodec.IsCurrent(v1));
        Assert.Equal(PointCodec.Decode(PointCodec.Encode(pairs)), PointCodec.Decode(v1));
        Assert.Equal(23.45, PointCodec.Find(v1, 13));
        Assert.False(PointCodec.IsCurrent(PointCodecV1.Encode([])));
        Assert.True(PointCodec.IsCurrent(PointCodec.Encode([])));
    }

    [Fact]
    public void RollupDecode_EncodedStats_GivesBackTheSameBits()
    {
        var constant = new RollupStats(7, 7, 7, 7, 10);
        var moving = new RollupStats(1.5, 9.25, 4.123456789, 3, 9); // a mean no short sum gives: the escape form
        var exact = new RollupStats(1.5, 9.25, RollupCodec.MeanOf(4_125, 2, 10), 3, 10); // sum 41.25 over 10 polls
        var nan = new RollupStats(double.NaN, double.NaN, double.NaN, double.NaN, 10);
        var counter = new RollupStats(1e12, 1e12 + 990_000, 1e12 + 412_345.5, 1e12 + 990_000, 10);

        var blob = RollupCodec.Encode(10, [(1, constant), (4, moving), (5, exact), (6, nan), (9, counter)]);
        var (polls, series) = RollupCodec.Decode(blob);

        Assert.Equal(10, polls);
        Assert.Equal([(1, constant), (4, moving), (5, exact), (6, nan), (9, counter)], series);
        Assert.Equal(moving, RollupCodec.Find(blob, 4));
        Assert.Equal(counter, RollupCodec.Find(blob, 9));
        Assert.Null(RollupCodec.Find(blob, 7));
    }

    [Fact]
    public void RollupDecode_FormatOneBlob_GivesItsValuesWithFloat32Means()
    {
        var moving = new RollupStats(1.5, 9.25, 4.123456789, 3, 9);

        var (polls, series) = RollupCodec.Decode(RollupCodecV1.Encode(10, [(4, moving)]));

        Assert.Equal(10, polls);
        Assert.Equal((4, moving with { Avg = (float)moving.Avg }), series[0]);
    }
}
