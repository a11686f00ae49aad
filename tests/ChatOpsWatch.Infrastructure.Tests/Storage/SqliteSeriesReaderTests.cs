using ChatOpsWatch.Domain.Storage;
using ChatOpsWatch.Domain.Samples;
using ChatOpsWatch.Infrastructure.Storage;

namespace ChatOpsWatch.Infrastructure.Tests.Storage;

public sealed class SqliteSeriesReaderTests : IDisposable
{
    private const string DataDisk = "disk.used_pct{kind=data,mount=/data}";
    private readonly TestDb db = new();

    public void Dispose() => db.Dispose();

    [Fact]
    public async Task ReadAsync_LabelledSeries_ReturnsItsValuesOldestFirstSkippingPollsWithoutIt()
    {
        await SeriesSeed.NodeAsync(db.Database, db.Time, "web-1");
        SeriesSeed.Samples(db.Path, "web-1",
        [
            (Some.Now.AddMinutes(-3), new Dictionary<string, double> { [DataDisk] = 80, [MetricNames.CpuBusyPct] = 5 }),
            (Some.Now.AddMinutes(-2), new Dictionary<string, double> { [MetricNames.CpuBusyPct] = 6 }),
            (Some.Now.AddMinutes(-1), new Dictionary<string, double> { [DataDisk] = 81.5 }),
        ]);
        var reader = new SqliteSeriesReader(db.Database);

        var points = await reader.ReadAsync("web-1", DataDisk, Some.Now.AddHours(-1), SampleTier.Raw, default);

        Assert.Equal([80, 81.5], points.Select(p => p.Value));
        Assert.Equal(Some.Now.AddMinutes(-3), points[0].At);
    }

    [Fact]
    public async Task SeriesAsync_NewestAndOldestInRange_UnionOfTheirKeys()
    {
        await SeriesSeed.NodeAsync(db.Database, db.Time, "web-1");
        SeriesSeed.Samples(db.Path, "web-1",
        [
            (Some.Now.AddDays(-2), new Dictionary<string, double> { ["old.metric"] = 1 }),
            (Some.Now.AddMinutes(-50), new Dictionary<string, double> { [DataDisk] = 80 }),
            (Some.Now.AddMinutes(-1), new Dictionary<string, double> { [MetricNames.CpuBusyPct] = 3 }),
        ]);

        var keys = await new SqliteSeriesReader(db.Database).SeriesAsync("web-1", Some.Now.AddHours(-1), default);

        Assert.Equal(new HashSet<string> { DataDisk, MetricNames.CpuBusyPct }, keys);
    }

    [Fact]
    public async Task ReadAsync_UnknownNode_IsEmptyNotAnError()
    {
        var points = await new SqliteSeriesReader(db.Database).ReadAsync("nope", MetricNames.CpuBusyPct, Some.Now.AddDays(-7), SampleTier.FiveMinutes, default);

        Assert.Empty(points);
    }
}
