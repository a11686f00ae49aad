using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Domain.Engine;
using ChatOpsWatch.Domain.Engine.Live;
using ChatOpsWatch.Domain.Network;
using ChatOpsWatch.Domain.Notifications;
using ChatOpsWatch.Domain.Samples;
using ChatOpsWatch.Domain.Text;

namespace ChatOpsWatch.Domain.Tests.Engine.Live;

/// <summary>
/// Packet loss seen from the monitor pages on the defaults, judged on its 10-minute mean: each poll sends a burst of 5
/// probes, so one poll reads 0, 20 or 40 % on a healthy link now and then. Before, `net.loss_pct` had no live rule.
/// </summary>
public sealed class PacketLossDefaultTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);
    private static readonly string Icmp = MetricKey.Format(NetworkMetrics.LossPct, ("method", "icmp"));

    [Fact]
    public void Defaults_HealthyLinkLosingAProbeNowAndThen_NeverAlertsInAWeek()
    {
        // 2 % of probes lost at random: a poll reads 20 % about once in ten, 40 % about once in a hundred.
        var random = new Random(7);
        var episodes = Replay(TimeSpan.FromSeconds(30), TimeSpan.FromDays(7), _ => Burst(random, 0.02));

        Assert.Empty(episodes);
    }

    [Fact]
    public void Defaults_LinkDroppingTenPercentEachWay_OneWarningEpisodeForTheHourAndNoCritical()
    {
        // iptables statistic drop of 10 % in each direction: about 19 % of round trips lost.
        var random = new Random(11);
        var episodes = Replay(TimeSpan.FromSeconds(30), TimeSpan.FromHours(2), t => t < TimeSpan.FromMinutes(30) || t >= TimeSpan.FromMinutes(90) ? 0 : Burst(random, 0.19));

        var episode = Assert.Single(episodes);
        Assert.Equal(Severity.Warning, episode.Severity);
        Assert.InRange(episode.Start, T0.AddMinutes(30), T0.AddMinutes(42));   // the mean passes 15 % within the window
        Assert.InRange(episode.End!.Value, T0.AddMinutes(90), T0.AddMinutes(100)); // and falls to half of it after
    }

    [Fact]
    public void Defaults_LinkLosingMostPackets_CriticalThenResolvedOnce()
    {
        var episodes = Replay(TimeSpan.FromSeconds(30), TimeSpan.FromHours(1), t => t >= TimeSpan.FromMinutes(10) && t < TimeSpan.FromMinutes(30) ? 60 : 0);

        var episode = Assert.Single(episodes);
        Assert.Equal(Severity.Critical, episode.Severity);
        Assert.NotNull(episode.End);
    }

    [Fact]
    public void Defaults_EdgeNodeEveryFiveMinutes_IsJudgedOnFourPollsNotOne()
    {
        var episodes = Replay(TimeSpan.FromMinutes(5), TimeSpan.FromHours(2), t => t == TimeSpan.FromMinutes(30) ? 100 : 0);

        Assert.Empty(episodes); // one poll with every probe lost among 4: the worst poll is left out of the mean
    }

    [Fact]
    public void LiveEngine_LossCritical_NamesTheProbeAndTheMeanInBothLanguages()
    {
        foreach (var (texts, says) in new[]
        {
            (TextCatalog.English, "Packet loss <b>icmp</b> 60 % on average over the last 2 min (4 polls), above 50 %"),
            (TextCatalog.Chinese, "丢包「<b>icmp</b>」 最近 2 分钟（4 次轮询）平均 60 %，高于 50 %"),
        })
        {
            var engine = new LiveEngine { Texts = texts };
            var projections = new Dictionary<string, AlertState>(StringComparer.Ordinal);
            var sent = new List<OutboxMessage>();
            for (var poll = 0; poll < 40; poll++)
            {
                var sample = new Sample("tokyo-1", T0.AddSeconds(30 * poll), new Dictionary<string, double>(Some.Sample(0).Values) { [Icmp] = 60 });
                var decision = engine.Evaluate(Some.Node(), new PollOutcome.Succeeded(sample), MonitorSettings.Default, projections);
                engine.Apply(decision.Changed);
                sent.AddRange(decision.Messages);
            }

            var critical = Assert.Single(sent, m => m.Severity >= Severity.Warning);
            Assert.Equal(Severity.Critical, critical.Severity);
            Assert.True(critical.Html.Contains(says, StringComparison.Ordinal), critical.Html);
        }
    }

    /// <summary>The loss a burst of 5 probes reads when each is lost with probability <paramref name="p"/>.</summary>
    private static double Burst(Random random, double p) => Enumerable.Range(0, 5).Count(_ => random.NextDouble() < p) * 20;

    private static List<AlertEpisode> Replay(TimeSpan interval, TimeSpan span, Func<TimeSpan, double> loss)
    {
        var rules = LiveRule.For(Icmp, MonitorSettings.Default).Select(r => new EngineRule(r.Id, r.Timing, r.NewSource, r.Tier)).ToList();
        Assert.Equal(["loss"], rules.Select(r => r.Id));
        var backtest = new Backtest(rules, interval);
        var episodes = new List<AlertEpisode>();
        for (var t = TimeSpan.Zero; t < span; t += interval)
        {
            backtest.Observe(T0 + t, loss(t), episodes);
        }

        return [.. episodes, .. backtest.Open()];
    }
}
