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

        Assert.Equal(2 + valueBytes, blob.Length); // count and id delta, one byte each
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
    public void RollupDecode_EncodedStats_GivesThemBackWithMeansToFloat32()
    {
        var constant = new RollupStats(7, 7, 7, 7, 10);
        var moving = new RollupStats(1.5, 9.25, 4.123456789, 3, 9);

        var (polls, series) = RollupCodec.Decode(RollupCodec.Encode(10, [(1, constant), (4, moving)]));

        Assert.Equal(10, polls);
        Assert.Equal((1, constant), series[0]);
        Assert.Equal(4, series[1].Id);
        Assert.Equal(moving with { Avg = (float)moving.Avg }, series[1].Stats);
        Assert.Equal(moving with { Avg = (float)moving.Avg }, RollupCodec.Find(RollupCodec.Encode(10, [(1, constant), (4, moving)]), 4));
    }
}
