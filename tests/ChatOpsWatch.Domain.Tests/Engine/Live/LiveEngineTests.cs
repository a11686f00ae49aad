using ChatOpsWatch.Domain.Text;
using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Domain.Engine.Live;
using ChatOpsWatch.Domain.Notifications;
using ChatOpsWatch.Domain.Samples;

namespace ChatOpsWatch.Domain.Tests.Engine.Live;

public sealed class LiveEngineTests
{
    private readonly LiveEngine _engine = new() { Texts = TextCatalog.English };
    private readonly Dictionary<string, AlertState> _projections = new(StringComparer.Ordinal);

    [Fact]
    public void Evaluate_CpuHighThenFalling_WarnsEscalatesAfterFiveSamplesAndRecoversWithHysteresis()
    {
        (int Minute, double Cpu, string? Head, bool Silent)[] timeline =
        [
            (0, 50, null, true),
            (1, 90, "WARNING", true),                 // > 70 once: warning, silent
            (2, 90, null, true),
            (3, 90, null, true),
            (4, 90, null, true),
            (5, 90, "ESCALATED to CRITICAL", false),  // 5th sample > 85: loud
            (6, 82, null, true),                      // above 85's recovery level (80.75): still critical
            (7, 75, "DOWNGRADED to WARNING", true),
            (8, 68, null, true),                      // above 70's recovery level (66.5): still warning
            (9, 60, "RESOLVED", true),
            (10, 60, null, true),
        ];

        foreach (var (minute, cpu, head, silent) in timeline)
        {
            var messages = Poll(Some.Sample(minute, cpu: cpu));

            if (head is null)
            {
                Assert.Empty(messages);
                continue;
            }

            var message = Assert.Single(messages);
            Assert.Contains(head, message.Html, StringComparison.Ordinal);
            Assert.Contains("<b>tokyo-1</b>", message.Html, StringComparison.Ordinal);
            Assert.Contains("CPU", message.Html, StringComparison.Ordinal);
            Assert.Equal(silent, message.Silent);
        }
    }

    [Fact]
    public void Evaluate_PollsFailWhileFiring_StaysFiringSilentlyAndResolvesOnceWhenValuesReturn()
    {
        for (var minute = 0; minute < 3; minute++)
        {
            Poll(Some.Sample(minute, mem: 95));
        }

        Assert.Equal(Severity.Critical, Projected("memory").Severity);

        for (var minute = 3; minute < 20; minute++)
        {
            Assert.Empty(Poll(new PollOutcome.Failed(Some.At(minute), "connection refused")));
        }

        Assert.Equal(Severity.Critical, Projected("memory").Severity); // 17 min without data (> the 10 min no-data gap) never resolves
        Assert.Empty(Poll(Some.Sample(20, mem: 95)));                   // still the same episode: no second CRITICAL
        var resolved = Assert.Single(Poll(Some.Sample(21, mem: 50)));
        Assert.Contains("RESOLVED", resolved.Html, StringComparison.Ordinal);
        Assert.Contains("after 21 min", resolved.Html, StringComparison.Ordinal);
        Assert.Empty(Poll(Some.Sample(22, mem: 50)));
    }

    [Fact]
    public void Evaluate_DiskSeriesVanishesWhileNodeAnswers_SendsOneNoDataNotice()
    {
        Poll(Some.Sample(0));
        var noDisk = new Sample("tokyo-1", Some.At(1), new Dictionary<string, double> { [MetricNames.CpuBusyPct] = 10, [MetricNames.MemUsedPct] = 30 });
        var sent = new List<OutboxMessage>();
        for (var minute = 1; minute <= 30; minute++)
        {
            sent.AddRange(Poll(noDisk with { At = Some.At(minute) }));
        }

        var notice = Assert.Single(sent);
        Assert.Contains("NO DATA", notice.Html, StringComparison.Ordinal);
        Assert.Contains("/", notice.Html, StringComparison.Ordinal);
        Assert.True(notice.Silent);
    }

    [Fact]
    public void Evaluate_RulesSilencedAt100_SendsNothingEvenAtFullLoad()
    {
        var silenced = MonitorSettings.Default with
        {
            Rules = [.. ThresholdRule.Defaults.Select(r => r with { Warning = 100, Critical = 100 })],
        };

        for (var minute = 0; minute < 30; minute++)
        {
            Assert.Empty(Poll(Some.Sample(minute, cpu: 100, mem: 100, rootDisk: 100), silenced));
        }
    }

    [Fact]
    public void Restore_FiringRuleAfterRestart_DoesNotFireAgainAndResolvesOnce()
    {
        var persisted = new Dictionary<string, EngineAlert>(StringComparer.Ordinal);
        foreach (var minute in new[] { 0, 1 })
        {
            var decision = _engine.Evaluate(Some.Node(), new PollOutcome.Succeeded(Some.Sample(minute, rootDisk: 97)), MonitorSettings.Default, _projections);
            _engine.Apply(decision.Changed);
            decision.Changed.ToList().ForEach(a => persisted[a.Key] = a);
        }

        var restarted = new LiveEngine { Texts = TextCatalog.English };
        restarted.Restore(persisted.Values, MonitorSettings.Default);

        var again = restarted.Evaluate(Some.Node(), new PollOutcome.Succeeded(Some.Sample(2, rootDisk: 97)), MonitorSettings.Default, _projections);
        restarted.Apply(again.Changed);
        var back = restarted.Evaluate(Some.Node(), new PollOutcome.Succeeded(Some.Sample(3, rootDisk: 40)), MonitorSettings.Default, _projections);

        Assert.Empty(again.Messages);
        Assert.Contains("RESOLVED", Assert.Single(back.Messages).Html, StringComparison.Ordinal);
    }

    [Fact]
    public void Adopt_ThresholdAlertFiringBeforeTheUpgrade_IsNotAnnouncedAgainAndResolvesOnce()
    {
        var legacy = AlertState.Initial("tokyo-1", "cpu", MetricNames.CpuBusyPct, Some.At(0)) with
        {
            Severity = Severity.Critical,
            CriticalStreak = 5,
            WarningStreak = 5,
            FiringSince = Some.At(-10),
            LastValue = 97,
            UpdatedAt = Some.At(0),
        };
        _engine.Adopt([legacy], MonitorSettings.Default);

        Assert.Empty(Poll(Some.Sample(1, cpu: 96)));
        var resolved = Assert.Single(Poll(Some.Sample(2, cpu: 20)));
        Assert.Contains("RESOLVED", resolved.Html, StringComparison.Ordinal);
        Assert.Contains("after 12 min", resolved.Html, StringComparison.Ordinal);
        Assert.False(resolved.Silent); // the resolution of a critical is as loud as the critical was
    }

    [Fact]
    public void Evaluate_DataDiskFull_NamesTheMountAndItsKindLoudly()
    {
        var sample = Some.Sample(0) with
        {
            Values = new Dictionary<string, double> { [MetricNames.DiskUsed(DiskKind.Data, "/data")] = 97 },
        };

        var message = Assert.Single(Poll(sample));

        Assert.Contains("/data (data disk)", message.Html, StringComparison.Ordinal);
        Assert.Equal(Severity.Critical, message.Severity);
        Assert.False(message.Silent);
    }

    [Fact]
    public void Evaluate_NodeNameWithMarkup_IsEscaped()
    {
        var node = new Nodes.NodeInfo("tokyo-1", "<prov>", "r&d", Nodes.NodeRole.Core, Nodes.NodeInfo.CoreInterval);
        var decision = _engine.Evaluate(node, new PollOutcome.Succeeded(Some.Sample(0, rootDisk: 97)), MonitorSettings.Default, _projections);

        var message = Assert.Single(decision.Messages);
        Assert.Contains("&lt;prov&gt;/r&amp;d", message.Html, StringComparison.Ordinal);
        Assert.False(message.Silent);
    }

    private List<OutboxMessage> Poll(Sample sample, MonitorSettings? settings = null) =>
        Poll(new PollOutcome.Succeeded(sample), settings);

    private List<OutboxMessage> Poll(PollOutcome outcome, MonitorSettings? settings = null)
    {
        var decision = _engine.Evaluate(Some.Node(), outcome, settings ?? MonitorSettings.Default, _projections);
        _engine.Apply(decision.Changed);
        foreach (var t in decision.Projections)
        {
            _projections[AlertKey.Of(t.Next)] = t.Next;
        }

        return [.. decision.Messages];
    }

    private AlertState Projected(string ruleId) =>
        _projections.Values.Single(s => s.RuleId == ruleId);
}
