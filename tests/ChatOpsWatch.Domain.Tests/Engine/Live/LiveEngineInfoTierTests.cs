using ChatOpsWatch.Domain.Text;
using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Domain.Engine.Live;
using ChatOpsWatch.Domain.Samples;
using Microsoft.Extensions.Time.Testing;

namespace ChatOpsWatch.Domain.Tests.Engine.Live;

public sealed class LiveEngineInfoTierTests
{
    [Fact]
    public void Evaluate_ServiceDiesAndCpuFallsToOnePercent_IsAFindingThatNeverPages()
    {
        // Eight days of CPU around 15 %, then the workload dies: 1 % for three hours, far below any static level.
        var clock = new FakeTimeProvider(Some.T0);
        var engine = new LiveEngine { Texts = TextCatalog.English };
        var projections = new Dictionary<string, AlertState>(StringComparer.Ordinal);
        var messages = new List<string>();
        var died = 8 * 1440;
        for (var m = 0; m < died + 180; m++)
        {
            var cpu = m < died ? 15 + ((m * 7919) % 9) - 4 : 1;
            var sample = new Sample("tokyo-1", clock.GetUtcNow(), new Dictionary<string, double> { [MetricNames.CpuBusyPct] = cpu, [MetricNames.MemUsedPct] = 40 });
            var decision = engine.Evaluate(Some.Node(), new PollOutcome.Succeeded(sample), MonitorSettings.Default, projections);
            engine.Apply(decision.Changed);
            messages.AddRange(decision.Messages.Select(x => x.Html));
            Assert.DoesNotContain(decision.Projections, p => p.Next.RuleId == "cpu.busy_pct:shift");
            clock.Advance(TimeSpan.FromMinutes(1));
        }

        Assert.Empty(messages);
        var finding = Assert.Single(engine.Findings());
        Assert.Equal(("cpu.busy_pct", "cpu.busy_pct:shift"), (finding.Series, finding.Rule));
        Assert.InRange(finding.Since, Some.T0.AddMinutes(died + 5), Some.T0.AddMinutes(died + 45));
        Assert.Contains("below this node's own normal", finding.Reason, StringComparison.Ordinal);
    }
}
