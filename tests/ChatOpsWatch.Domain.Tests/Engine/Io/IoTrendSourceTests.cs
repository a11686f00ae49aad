using ChatOpsWatch.Domain.Engine;
using ChatOpsWatch.Domain.Probing;
using static ChatOpsWatch.Domain.Tests.Engine.Timeline;

namespace ChatOpsWatch.Domain.Tests.Engine.Io;

/// <summary>The disk I/O early warning on 10 s samples of one device's queue depth (requests in flight).</summary>
public sealed class IoTrendSourceTests
{
    private static List<AlertEpisode> Replay(Func<double, double> queueAtMinute, double minutes, int seed = 7)
    {
        var backtest = new Backtest(DefaultRules.For(SystemMetricNames.DiskIoQueue), TimeSpan.FromSeconds(10));
        var random = new Random(seed);
        var episodes = new List<AlertEpisode>();
        for (var s = 0.0; s < minutes * 60; s += 10)
        {
            var noise = 1 + ((random.NextDouble() - 0.5) * 0.3); // ±15 %, as iostat's aqu-sz wobbles
            backtest.Observe(T0.AddSeconds(s), queueAtMinute(s / 60) * noise, episodes);
        }

        episodes.AddRange(backtest.Open());
        return episodes;
    }

    [Fact]
    public void Classify_SteadyClimbOverFortyMinutes_WarnsWellBeforeSaturation()
    {
        // An hour quiet at 0.3, then the queue climbs steadily to 8 (saturated) at minute 100 and stays there.
        var episodes = Replay(m => m < 60 ? 0.3 : Math.Min(8, 0.3 + ((m - 60) * 7.7 / 40)), minutes: 130);

        var episode = Assert.Single(episodes);
        Assert.Equal("disk.io.queue:trend", episode.Rule);
        Assert.InRange(episode.Start, T0.AddMinutes(60), T0.AddMinutes(80)); // 20+ minutes before it saturates
        Assert.Matches(@"climbing steadily .*act before it saturates", episode.Reason);
    }

    [Theory]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(9)]
    public void Classify_TwoMinuteBurstsOfADeepQueue_StaySilent(int seed)
    {
        // Every half hour a 2-minute burst to 12 in flight (a cron job's flush), then back to 0.3.
        var episodes = Replay(m => m % 30 is >= 20 and < 22 ? 12 : 0.3, minutes: 24 * 60, seed);

        Assert.Empty(episodes);
    }

    [Theory]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(9)]
    public void Classify_HighButFlatQueueNormalForThisNode_StaysSilent(int seed)
    {
        // A busy database whose queue always sits around 12: deep, but not climbing.
        var episodes = Replay(_ => 12, minutes: 4 * 24 * 60, seed);

        Assert.Empty(episodes);
    }

    [Fact]
    public void Classify_NightlyClimbSeenOnThreeDays_IsLearnedAsNormalButADaytimeClimbStillWarns()
    {
        // Every night 02:00–02:40 a backup drives the queue from 0.3 to 8; on day 5 at 14:00 a real climb starts.
        static double Queue(double minute)
        {
            var ofDay = minute % 1440;
            var nightly = ofDay is >= 120 and < 160 ? 0.3 + ((ofDay - 120) * 7.7 / 40) : 0.3;
            var day5 = minute - ((5 * 1440) + 840);
            return day5 is >= 0 and < 40 ? 0.3 + (day5 * 7.7 / 40) : nightly;
        }

        var episodes = Replay(Queue, minutes: 6 * 1440);

        var learning = episodes.Where(e => e.Start < T0.AddDays(3)).ToList();
        Assert.NotEmpty(learning); // before 3 days are learned the nightly climb looks like any other
        var afterwards = Assert.Single(episodes, e => e.Start >= T0.AddDays(3));
        Assert.InRange(afterwards.Start, T0.AddDays(5).AddHours(14), T0.AddDays(5).AddHours(14).AddMinutes(25));
    }

    [Fact]
    public void DefaultRules_DiskIoMetrics_GetNoFillForecastAndNoZeroToHundredAssumption()
    {
        Assert.Equal(["disk.io.queue:trend", "disk.io.queue:shift"], DefaultRules.For(SystemMetricNames.DiskIoQueue).Select(r => r.Id));
        Assert.Equal(["disk.io.write_await_ms:trend", "disk.io.write_await_ms:shift"], DefaultRules.For(SystemMetricNames.DiskIoWriteAwaitMs).Select(r => r.Id));
        // Neither a 0-100 floor nor a floorless baseline that pages on heavy-tailed counters: an info finding only.
        Assert.Equal(["disk.io.util_pct:shift"], DefaultRules.For(SystemMetricNames.DiskIoUtilPct).Select(r => r.Id));
        Assert.Equal(["net.rx_bytes_per_s:shift"], DefaultRules.For(SystemMetricNames.NetRxBytesPerSecond).Select(r => r.Id));
        Assert.All(DefaultRules.For(SystemMetricNames.NetRxBytesPerSecond), r => Assert.Equal(RuleTier.Info, r.Tier));
    }
}
