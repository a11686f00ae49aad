using ChatOpsWatch.Domain.Text;
using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Domain.Engine;
using ChatOpsWatch.Domain.Engine.Live;
using ChatOpsWatch.Domain.Notifications;
using ChatOpsWatch.Domain.Samples;

namespace ChatOpsWatch.Domain.Tests.Engine.Live;

public sealed class LiveRuleTests
{
    private static MonitorSettings CpuAt(double warning, double critical) => MonitorSettings.Default with
    {
        Rules = [.. MonitorSettings.Default.Rules.Select(r => r.Id == "cpu" ? r with { Warning = warning, Critical = critical } : r)],
    };

    [Fact]
    public void Evaluate_CpuSwitchedOffAtHundred_SilencesTheLearnedBaselineToo()
    {
        // Four quiet days teach the baseline that 10 % is normal; then CPU sits at 95 % for 10 minutes.
        var on = SpikeMessages(MonitorSettings.Default);
        var off = SpikeMessages(CpuAt(100, 100));

        Assert.Contains(on, m => m.Contains("CPU (baseline)", StringComparison.Ordinal));
        Assert.Empty(off);
    }

    [Fact]
    public void For_RuleSwitchedOffAtHundred_KeepsOtherMetricsLearnedRules()
    {
        var settings = CpuAt(100, 100);

        Assert.Equal(["cpu"], LiveRule.For(MetricNames.CpuBusyPct, settings).Select(r => r.Id));
        Assert.Equal(["memory", "mem.used_pct:baseline", "mem.used_pct:shift"], LiveRule.For(MetricNames.MemUsedPct, settings).Select(r => r.Id));
        Assert.Equal(["cpu", "cpu.busy_pct:baseline", "cpu.busy_pct:shift"], LiveRule.For(MetricNames.CpuBusyPct, CpuAt(99, 100)).Select(r => r.Id));
    }

    [Fact]
    public void For_DiskIoQueueOfADevice_GetsTheEarlyWarningUnlessSwitchedOff()
    {
        var key = MetricKey.Format("disk.io.queue", ("device", "nvme0n1"));

        var rules = LiveRule.For(key, MonitorSettings.Default);
        Assert.Equal(["disk.io.queue:trend", "disk.io.queue:shift"], rules.Select(r => r.Id));
        Assert.Equal("I/O queue nvme0n1", rules[0].Title);
        Assert.Equal([RuleTier.Page, RuleTier.Info], rules.Select(r => r.Tier));
        Assert.Empty(LiveRule.For(key, MonitorSettings.Default, EngineOptions.Default with { IoEarlyWarning = false }));
    }

    [Fact]
    public void Evaluate_DeviceQueueClimbingSteadily_SendsOneSilentWarningNamingTheDeviceBeforeItSaturates()
    {
        var engine = new LiveEngine { Texts = TextCatalog.English };
        var projections = new Dictionary<string, AlertState>(StringComparer.Ordinal);
        var key = MetricKey.Format("disk.io.queue", ("device", "sda"));
        var messages = new List<(double Minute, OutboxMessage Message)>();
        for (var minute = 0.0; minute < 100; minute += 0.5)
        {
            // Quiet for 30 minutes, then a climb of 0.2 a minute that saturates at 8 in flight at minute ~70.
            var queue = Math.Min(8, minute < 30 ? 0.4 : 0.4 + ((minute - 30) * 0.2)) * (minute % 1.5 == 0 ? 1.05 : 0.97);
            var sample = new Sample("tokyo-1", Some.T0.AddMinutes(minute), new Dictionary<string, double> { [MetricNames.CpuBusyPct] = 10, [key] = queue });
            var decision = engine.Evaluate(Some.Node(), new PollOutcome.Succeeded(sample), MonitorSettings.Default, projections);
            engine.Apply(decision.Changed);
            messages.AddRange(decision.Messages.Select(m => (minute, m)));
        }

        var (at, message) = Assert.Single(messages);
        Assert.InRange(at, 35, 50);
        Assert.Contains("WARNING", message.Html, StringComparison.Ordinal);
        Assert.Contains("I/O queue sda", message.Html, StringComparison.Ordinal);
        Assert.Contains("climbing steadily", message.Html, StringComparison.Ordinal);
        Assert.True(message.Silent);
    }

    [Fact]
    public void Evaluate_ConfiguredRecoveryLevel_HoldsTheWarningUntilTheValueFallsBelowIt()
    {
        var engine = new LiveEngine
        {
            Texts = TextCatalog.English,
            Options = EngineOptions.Default with { Recovery = new Dictionary<string, RecoveryLevels> { ["cpu"] = new(Warning: 50) } },
        };
        var projections = new Dictionary<string, AlertState>(StringComparer.Ordinal);
        (int Minute, double Cpu, string? Head)[] timeline =
        [
            (0, 75, "WARNING"),
            (1, 60, null),        // the default would clear below 66.5; the configured level is 50
            (2, 51, null),
            (3, 49, "RESOLVED"),
        ];

        foreach (var (minute, cpu, head) in timeline)
        {
            var decision = engine.Evaluate(Some.Node(), new PollOutcome.Succeeded(Some.Sample(minute, cpu: cpu)), MonitorSettings.Default, projections);
            engine.Apply(decision.Changed);
            var cpuMessages = decision.Messages.Where(m => m.Html.Contains("CPU", StringComparison.Ordinal)).ToList();
            Assert.True(head is null ? cpuMessages.Count == 0 : cpuMessages.Single().Html.Contains(head, StringComparison.Ordinal), $"minute {minute}");
        }
    }

    [Fact]
    public void Problems_RecoveryOnTheUnsafeSide_IsReported()
    {
        var cpu = ThresholdRule.Defaults[0];

        Assert.Equal(["Warning"], new RecoveryLevels(Warning: 75).Problems(cpu).Select(p => p.Field));
        Assert.Equal(["Margin"], new RecoveryLevels(Margin: -1).Problems(cpu).Select(p => p.Field));
        Assert.Empty(new RecoveryLevels(Warning: 60, Critical: 80).Problems(cpu));
        Assert.Equal(65, new RecoveryLevels(Margin: 5).WarningOf(cpu));
    }

    private static List<string> SpikeMessages(MonitorSettings settings)
    {
        var engine = new LiveEngine { Texts = TextCatalog.English };
        var start = Some.T0.AddDays(-4);
        for (var t = start; t < Some.T0; t = t.AddMinutes(1))
        {
            engine.Learn(new Sample("tokyo-1", t, new Dictionary<string, double> { [MetricNames.CpuBusyPct] = 10 }), settings);
        }

        var projections = new Dictionary<string, AlertState>(StringComparer.Ordinal);
        var messages = new List<string>();
        for (var minute = 0; minute < 10; minute++)
        {
            var sample = new Sample("tokyo-1", Some.At(minute), new Dictionary<string, double> { [MetricNames.CpuBusyPct] = 95 });
            var decision = engine.Evaluate(Some.Node(), new PollOutcome.Succeeded(sample), settings, projections);
            engine.Apply(decision.Changed);
            messages.AddRange(decision.Messages.Select(m => m.Html));
        }

        return messages;
    }
}
