using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Domain.Engine.Live;
using ChatOpsWatch.Domain.Samples;
using ChatOpsWatch.Domain.Text;

namespace ChatOpsWatch.Domain.Tests.Engine.Live;

/// <summary>Which engine states a poll commits: paging rules always, info findings only when they move.</summary>
public sealed class LiveEnginePersistTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Evaluate_QuietInfoFinding_IsSteppedButNotCommitted()
    {
        var engine = new LiveEngine { Texts = TextCatalog.English };
        var states = new Dictionary<string, AlertState>(StringComparer.Ordinal);
        EngineDecision decision = null!;
        for (var i = 0; i < 3; i++)
        {
            var sample = new Sample("tokyo-1", T0.AddSeconds(30 * i), new Dictionary<string, double> { [MetricNames.CpuBusyPct] = 20 });
            decision = engine.Evaluate(Some.Node(), new PollOutcome.Succeeded(sample), MonitorSettings.Default, states);
            engine.Apply(decision.Changed);
        }

        Assert.Contains(decision.Changed, a => a.RuleId == "cpu.busy_pct:shift"); // stepped in memory
        Assert.DoesNotContain(decision.ToPersist, a => a.RuleId == "cpu.busy_pct:shift");
        Assert.Contains(decision.ToPersist, a => a.RuleId == "cpu");
        Assert.All(decision.Changed.Where(a => a.RuleId == "cpu.busy_pct:shift"), a => Assert.Equal(T0.AddSeconds(60), a.State.LastSeen));
    }

    [Fact]
    public void Evaluate_FirstStepOfAnInfoFinding_IsCommitted()
    {
        var engine = new LiveEngine { Texts = TextCatalog.English };
        var sample = new Sample("tokyo-1", T0, new Dictionary<string, double> { [MetricNames.CpuBusyPct] = 20 });

        var decision = engine.Evaluate(Some.Node(), new PollOutcome.Succeeded(sample), MonitorSettings.Default, new Dictionary<string, AlertState>(StringComparer.Ordinal));

        Assert.Contains(decision.ToPersist, a => a.RuleId == "cpu.busy_pct:shift"); // a new series' row exists from its first poll
    }
}
