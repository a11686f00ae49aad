using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Domain.Engine;
using ChatOpsWatch.Domain.Engine.Io;
using static ChatOpsWatch.Domain.Tests.Engine.Timeline;

namespace ChatOpsWatch.Domain.Tests.Engine;

public sealed class DiskForecastSourceTests
{
    // 50 % → 100 % in 5 h is 10 %/h; the sample interval is 30 s with ±0.3 % noise.
    private const double RatePerHour = 10;

    private static List<AlertEpisode> Replay(Func<double, double> percentAtHour, double hours)
    {
        var backtest = new Backtest(DefaultRules.For("disk.used_pct"), TimeSpan.FromSeconds(30));
        var random = new Random(5);
        var episodes = new List<AlertEpisode>();
        for (var s = 0.0; s < hours * 3600; s += 30)
        {
            backtest.Observe(T0.AddSeconds(s), percentAtHour(s / 3600) + ((random.NextDouble() - 0.5) * 0.6), episodes);
        }

        episodes.AddRange(backtest.Open());
        return episodes;
    }

    [Fact]
    public void Classify_SteadyFillReachingFullInFiveHours_Warns()
    {
        // 2 h flat at 30 %, then a steady fill from 30 %: at 10 %/h it is full 7 h later; we look 3 h in.
        var episodes = Replay(h => h < 2 ? 30 : 30 + ((h - 2) * RatePerHour), hours: 5);

        var episode = Assert.Single(episodes, e => e.Rule.EndsWith(":forecast", StringComparison.Ordinal));
        Assert.Equal(Severity.Warning, episode.Severity);
        Assert.InRange(episode.Start, T0.AddHours(2.5), T0.AddHours(3.5));
        Assert.Matches(@"full in about \d+(\.\d)? h .*\d+ ?% of the last 60 minutes agree", episode.Reason);
    }

    [Fact]
    public void Classify_TwentyMinuteBurstAtTheSameRateThenStop_StaysSilent()
    {
        var episodes = Replay(h => h < 2 ? 50 : 50 + (Math.Min(h - 2, 1.0 / 3) * RatePerHour), hours: 6);

        Assert.Empty(episodes);
    }

    [Fact]
    public void Classify_ShortHistory_MakesNoForecast()
    {
        var source = new DiskForecastSource(new ForecastOptions());
        for (var minute = 0; minute < 30; minute++)
        {
            Assert.Equal(Signal.Clear, source.Classify(50 + minute, T0.AddMinutes(minute), Severity.None));
        }

        Assert.Null(source.Forecast);
    }

    [Fact]
    public void New_ForecastAndIoTrendSources_HoldNoLargeScratch()
    {
        // Issue 10: every node holds several of each from its start. A 4,096-slope scratch per disk forecast, a 256-slope
        // one per I/O trend and room for 4,096 samples per hour in each baseline (a 1 s interval; 120 at the default 30 s)
        // were more than half of the live heap at 1,000 nodes. A fit's scratch is now the thread's; an hour grows as needed.
        _ = new DiskForecastSource(new ForecastOptions());
        _ = new IoTrendSource(new IoTrendOptions(Floor: 10));
        var before = GC.GetAllocatedBytesForCurrentThread();

        _ = new DiskForecastSource(new ForecastOptions());
        _ = new IoTrendSource(new IoTrendOptions(Floor: 10));

        Assert.InRange(GC.GetAllocatedBytesForCurrentThread() - before, 0, 16 * 1024);
    }
}

public sealed class RobustTests
{
    [Fact]
    public void Median_RandomSpans_MatchesSortedMiddle()
    {
        var random = new Random(7);
        for (var run = 0; run < 2_000; run++)
        {
            var values = Enumerable.Range(0, random.Next(1, 60)).Select(_ => (double)random.Next(-5, 5)).ToArray();
            var sorted = values.Order().ToArray();
            var expected = sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;

            Assert.Equal(expected, Robust.Median(values));
        }
    }
}
