using ChatOpsWatch.Domain.Text;
using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Domain.Engine;
using ChatOpsWatch.Domain.Engine.Live;
using ChatOpsWatch.Domain.Samples;
using Microsoft.Extensions.Time.Testing;

namespace ChatOpsWatch.Domain.Tests.Engine.Live;

/// <summary>The live engine and <see cref="Backtest"/> share the sources and the machine: the same span of polls gives the same episodes.</summary>
public sealed class LiveMatchesBacktestTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// Ten days of one-minute polls: CPU around 20 % with a heavy-tailed wiggle and a nightly job at 93 %, a
    /// runaway at 96 % for two hours on day 8, and memory that climbs to 95 % on day 9.
    /// </summary>
    private static IEnumerable<(DateTimeOffset At, double Cpu, double Mem)> Span()
    {
        var random = new Random(11);
        for (var m = 0; m < 10 * 1440; m++)
        {
            var at = T0.AddMinutes(m);
            var minute = m % 1440;
            var tail = random.NextDouble() < 0.01 ? 30 : 0;
            var cpu = minute is >= 150 and < 190 ? 93 : m is >= (8 * 1440) + 600 and < (8 * 1440) + 720 ? 96 : 20 + (random.NextDouble() * 8) + tail;
            var mem = m is >= (9 * 1440) + 300 and < (9 * 1440) + 500 ? 50 + ((m - (9 * 1440) - 300) * 0.25) : 50 + random.NextDouble();
            yield return (at, Math.Min(100, cpu), mem);
        }
    }

    [Fact]
    public void Evaluate_SpanOfPolls_GivesTheBacktestsEpisodes()
    {
        var clock = new FakeTimeProvider(T0);
        var engine = new LiveEngine { Texts = TextCatalog.English };
        var projections = new Dictionary<string, AlertState>(StringComparer.Ordinal);
        var open = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        var live = new List<(string Rule, DateTimeOffset Start, DateTimeOffset End)>();
        var span = Span().ToList();
        foreach (var (_, cpu, mem) in span)
        {
            var at = clock.GetUtcNow();
            var sample = new Sample("tokyo-1", at, new Dictionary<string, double> { [MetricNames.CpuBusyPct] = cpu, [MetricNames.MemUsedPct] = mem });
            var decision = engine.Evaluate(Some.Node(), new PollOutcome.Succeeded(sample), MonitorSettings.Default, projections);
            engine.Apply(decision.Changed);
            foreach (var alert in decision.Changed)
            {
                var firing = LiveEngine.Firing(alert.State) != Severity.None;
                if (firing && !open.ContainsKey(alert.RuleId))
                {
                    open[alert.RuleId] = at;
                }
                else if (!firing && open.Remove(alert.RuleId, out var start))
                {
                    live.Add((alert.RuleId, start, at));
                }
            }

            clock.Advance(TimeSpan.FromMinutes(1));
        }

        var replayed = new List<(string Rule, DateTimeOffset Start, DateTimeOffset End)>();
        foreach (var (metric, pick) in new (string, Func<(DateTimeOffset At, double Cpu, double Mem), double>)[] { (MetricNames.CpuBusyPct, s => s.Cpu), (MetricNames.MemUsedPct, s => s.Mem) })
        {
            var rules = LiveRule.For(metric, MonitorSettings.Default).Select(r => new EngineRule(r.Id, r.Timing, r.NewSource, r.Tier)).ToList();
            var backtest = new Backtest(rules, TimeSpan.FromMinutes(1));
            var episodes = new List<AlertEpisode>();
            span.ForEach(s => backtest.Observe(s.At, pick(s), episodes));
            replayed.AddRange(episodes.Select(e => (e.Rule, e.Start, e.End!.Value)));
        }

        Assert.Empty(open);
        Assert.NotEmpty(live);
        Assert.Contains(live, e => e.Rule == "cpu.busy_pct:baseline" && e.Start >= T0.AddDays(8));
        Assert.Contains(live, e => e.Rule == "memory");
        Assert.Equal(replayed.OrderBy(e => e.Start).ThenBy(e => e.Rule, StringComparer.Ordinal), live.OrderBy(e => e.Start).ThenBy(e => e.Rule, StringComparer.Ordinal));
    }
}
