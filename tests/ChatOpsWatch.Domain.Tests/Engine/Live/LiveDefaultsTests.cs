using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Domain.Engine;
using ChatOpsWatch.Domain.Engine.Live;
using ChatOpsWatch.Domain.Samples;

namespace ChatOpsWatch.Domain.Tests.Engine.Live;

/// <summary>
/// What the monitor runs on its defaults (<see cref="LiveRule.For"/>), which `evaluate` scores as the live defaults: the
/// seed's CPU levels hand each hour over to the learned baseline once it knows it; memory's and operators' levels hold.
/// </summary>
public sealed class LiveDefaultsTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void SeedCpuLevels_NightlyJob_PageTheFirstNightsOnlyThenTheBaselineOwnsTheHour()
    {
        var episodes = Replay(MetricNames.CpuBusyPct, MonitorSettings.Default, NightlyJob);

        var seed = episodes.Where(e => e.Rule == "cpu").Select(e => e.Start.Date).ToList();
        Assert.Equal([T0.Date, T0.AddDays(1).Date, T0.AddDays(2).Date], seed); // 3 nights: HourlyBaseline.MinDays
        Assert.DoesNotContain(episodes, e => e.Rule == "cpu.busy_pct:baseline"); // the job is usual for its hour
    }

    [Fact]
    public void SeedCpuLevels_RunawayAfterTheBaselineIsLearned_StillPages()
    {
        var episodes = Replay(MetricNames.CpuBusyPct, MonitorSettings.Default, m => m >= (8 * 1440) + 600 && m < (8 * 1440) + 720 ? 96 : NightlyJob(m));

        Assert.Contains(episodes, e => e.Rule == "cpu.busy_pct:baseline" && e.Start >= T0.AddDays(8).AddHours(10) && e.Start < T0.AddDays(8).AddHours(11));
    }

    [Fact]
    public void OperatorCpuLevels_NightlyJob_PageEveryNight()
    {
        var settings = MonitorSettings.Default with { Rules = [.. MonitorSettings.Default.Rules.Select(r => r.Id == "cpu" ? r with { Warning = 80 } : r)] };

        var episodes = Replay(MetricNames.CpuBusyPct, settings, NightlyJob);

        Assert.Equal(10, episodes.Count(e => e.Rule == "cpu")); // levels an operator set hold always
    }

    [Fact]
    public void SeedMemoryLevels_HighEveryNight_PageEveryNight()
    {
        // Memory runs out whatever is usual: its seed levels are not handed over to the baseline.
        var episodes = Replay(MetricNames.MemUsedPct, MonitorSettings.Default, m => m % 1440 is >= 150 and < 190 ? 95 : 50);

        Assert.Equal(10, episodes.Count(e => e.Rule == "memory"));
    }

    [Theory]
    [InlineData("net.rx_bytes_per_s{iface=eth0}")]
    [InlineData("http.latency_ms{check=site}")]
    public void For_SeriesNoThresholdWatches_HasNoLiveRule(string key) =>
        Assert.Empty(LiveRule.For(key, MonitorSettings.Default)); // its info shift waits for a leaner profile (memory)

    private static double NightlyJob(int minute) => minute % 1440 is >= 150 and < 190 ? 93 : 20 + (minute * 7 % 5);

    /// <summary>Ten days of one-minute samples through the live rules of <paramref name="key"/>.</summary>
    private static List<AlertEpisode> Replay(string key, MonitorSettings settings, Func<int, double> value)
    {
        var rules = LiveRule.For(key, settings).Select(r => new EngineRule(r.Id, r.Timing, r.NewSource, r.Tier)).ToList();
        var backtest = new Backtest(rules, TimeSpan.FromMinutes(1));
        var episodes = new List<AlertEpisode>();
        for (var m = 0; m < 10 * 1440; m++)
        {
            backtest.Observe(T0.AddMinutes(m), value(m), episodes);
        }

        return [.. episodes, .. backtest.Open()];
    }
}
