using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Domain.Engine;
using static ChatOpsWatch.Domain.Tests.Engine.Timeline;

namespace ChatOpsWatch.Domain.Tests.Engine;

public sealed class BacktestTests
{
    private static readonly TimeSpan Step = TimeSpan.FromMinutes(1);

    /// <summary>14 days of CPU at 15–30 %, a 40-minute backup at 95 % every night at 02:10, and optionally a
    /// 2-hour saturation at 100 % on day 12 from 14:00.</summary>
    private static IEnumerable<(DateTimeOffset At, double Value)> CpuTrace(bool saturation)
    {
        var random = new Random(12);
        for (var t = T0; t < T0.AddDays(14); t += Step)
        {
            var sinceMidnight = t.TimeOfDay;
            var value = 15 + (random.NextDouble() * 15);
            if (sinceMidnight >= TimeSpan.FromMinutes(130) && sinceMidnight < TimeSpan.FromMinutes(170))
            {
                value = 93 + (random.NextDouble() * 4);
            }

            if (saturation && t >= T0.AddDays(11).AddHours(14) && t < T0.AddDays(11).AddHours(16))
            {
                value = 98 + (random.NextDouble() * 2);
            }

            yield return (t, value);
        }
    }

    private static List<AlertEpisode> Replay(IEnumerable<(DateTimeOffset At, double? Value)> trace, IReadOnlyList<EngineRule> rules)
    {
        var backtest = new Backtest(rules, Step);
        var episodes = new List<AlertEpisode>();
        foreach (var (at, value) in trace)
        {
            backtest.Observe(at, value, episodes);
        }

        episodes.AddRange(backtest.Open());
        return episodes;
    }

    [Fact]
    public void Observe_NightlyBackupAfterFirstWeek_RaisesNoAlert()
    {
        var episodes = Replay(CpuTrace(saturation: false).Select(s => (s.At, (double?)s.Value)), DefaultRules.For("cpu.busy_pct"));

        Assert.DoesNotContain(episodes, e => e.Start >= T0.AddDays(7));
    }

    [Fact]
    public void Observe_TwoHourSaturationOnDay12_AlertsCriticalOnce()
    {
        var episodes = Replay(CpuTrace(saturation: true).Select(s => (s.At, (double?)s.Value)), DefaultRules.For("cpu.busy_pct"));

        var late = episodes.Where(e => e.Start >= T0.AddDays(7) && !e.Info).ToList();
        var episode = Assert.Single(late);
        Assert.Equal(Severity.Critical, episode.Severity);
        Assert.InRange(episode.Start, T0.AddDays(11).AddHours(14), T0.AddDays(11).AddHours(14).AddMinutes(10));
        Assert.NotNull(episode.End);
        Assert.Contains("unusual for this hour", episode.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Observe_MetricWithNoKnownUnit_InformsOfTheSurgeWithoutPaging()
    {
        // Requests per second around 40,000: far outside 0–100, with a 10× surge on day 10.
        var random = new Random(3);
        var trace = Enumerable.Range(0, 14 * 24 * 60).Select(i =>
        {
            var at = T0.AddMinutes(i);
            var surge = at >= T0.AddDays(10) && at < T0.AddDays(10).AddMinutes(30);
            return (at, (double?)((surge ? 400_000 : 40_000) + random.Next(-2000, 2000)));
        });

        var episodes = Replay(trace, DefaultRules.For("http.requests"));

        // A unit the engine does not know never pages (a floorless baseline paged 17-31 times a week on real
        // counters); the surge is an info finding of the level-shift rule, found within its CUSUM's 20 minutes.
        var episode = Assert.Single(episodes);
        Assert.True(episode.Info);
        Assert.Equal("info", episode.SeverityName);
        Assert.Equal("http.requests:shift", episode.Rule);
        Assert.InRange(episode.Start, T0.AddDays(10).AddMinutes(5), T0.AddDays(10).AddMinutes(25));
    }

    [Fact]
    public void Observe_GapWhileFiring_NeverEndsTheEpisode()
    {
        var rules = new[] { new EngineRule("cpu", RuleTiming.Immediate, () => new ThresholdSource(CpuLevels)) };
        var trace = new (DateTimeOffset, double?)[] { (T0, 95), (T0.AddMinutes(1), 95), (T0.AddMinutes(30), 95), (T0.AddMinutes(31), 50) };

        var episode = Assert.Single(Replay(trace, rules));

        Assert.Equal((T0, T0.AddMinutes(31)), (episode.Start, episode.End!.Value));
    }
}

public sealed class BacktestCausalityTests
{
    [Fact]
    public void Observe_AnyPrefixOfTheTrace_GivesTheSameEarlierEpisodes()
    {
        // Causal: cutting the input at any point never changes what was decided before the cut.
        var random = new Random(99);
        var trace = Enumerable.Range(0, 10 * 1440)
            .Select(i => (At: T0.AddMinutes(i), Value: random.NextDouble() < 0.02 ? (double?)null : 20 + (random.NextDouble() * 10) + (i % 1440 is > 600 and < 700 && i / 1440 % 3 == 2 ? 70 : 0)))
            .ToArray();
        var full = Run(trace);
        Assert.Contains(full, e => e.Rule == "cpu.busy_pct:baseline");
        Assert.Contains(full, e => e.Rule == "rate");

        foreach (var cut in new[] { 2 * 1440, (5 * 1440) + 650, (8 * 1440) + 620 })
        {
            var end = trace[cut - 1].At;
            var prefix = Run(trace[..cut]);
            Assert.Equal(
                full.Where(e => e.Start <= end).Select(e => (e.Start, e.End is { } x && x <= end ? x : (DateTimeOffset?)null, e.Rule)),
                prefix.Select(e => (e.Start, e.End, e.Rule)));
        }
    }

    private static List<AlertEpisode> Run((DateTimeOffset At, double? Value)[] trace)
    {
        var rules = DefaultRules.For("cpu.busy_pct").Append(new EngineRule("rate", RuleTiming.Immediate, () => new RateSource(new Levels(Direction.Above, 0.2), TimeSpan.FromMinutes(5)))).ToList();
        var backtest = new Backtest(rules, TimeSpan.FromMinutes(1));
        var episodes = new List<AlertEpisode>();
        foreach (var (at, value) in trace)
        {
            backtest.Observe(at, value, episodes);
        }

        episodes.AddRange(backtest.Open());
        return [.. episodes.OrderBy(e => e.Start).ThenBy(e => e.Rule, StringComparer.Ordinal)];
    }
}
