using ChatOpsWatch.Domain.Text;
using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Domain.Engine;
using ChatOpsWatch.Domain.Engine.Live;
using ChatOpsWatch.Domain.Notifications;
using ChatOpsWatch.Domain.Samples;

namespace ChatOpsWatch.Domain.Tests.Engine.Live;

/// <summary>Rules of the other configured kinds (below, rate, absence, baseline) through the live engine, as timelines.</summary>
public sealed class ConfiguredRuleKindTests
{
    private const string Free = "disk.free_gb{mount=/data}";
    private const string Rx = "net.rx_bps{iface=eth0}";
    private readonly LiveEngine _engine = new() { Texts = TextCatalog.English };

    [Fact]
    public void Below_FreeSpaceFalling_WarnsThenEscalatesAndResolvesAboveTheLevel()
    {
        var rule = new ThresholdRule("free", "disk.free_gb", "Free space", 10, 2, 5, 1) { Direction = Direction.Below };
        var heads = Timeline(rule, Free, [20, 9, 8, 4, 3, 12]).Select(m => Head(m)).ToList();

        // Held for 2 samples (WarningFor): the warning on the second low sample, the escalation on the second critical one.
        Assert.Equal([null, null, "WARNING", null, "ESCALATED to CRITICAL", "RESOLVED"], heads);
    }

    [Fact]
    public void Rate_FastGrowth_FiresAndSteadyValueDoesNot()
    {
        // Levels are per second, measured over the window: 20 kB/s more every second is a surge.
        var rule = new ThresholdRule("rx-surge", "net.rx_bps", "Inbound surge", 20_000, 1, 200_000, 1) { Kind = RuleKind.Rate, Window = TimeSpan.FromMinutes(5) };
        var steady = Timeline(rule, Rx, [1e6, 1e6, 1e6, 1e6, 1e6, 1e6, 1e6]);
        Assert.All(steady, m => Assert.Null(m));

        var surge = new ConfiguredRuleKindTests().Timeline(rule, Rx, [1e6, 1e6, 1e6, 1e6, 1e6, 2e7, 3e7]);
        Assert.Contains(surge, m => Head(m) is "WARNING" or "CRITICAL");
    }

    [Fact]
    public void Absence_SeriesStopsWhileTheNodeAnswers_FiresCriticalAndResolvesWhenItReturns()
    {
        var rule = new ThresholdRule("worker-gone", "proc.count", "Worker process", 0, 1, 0, 1) { Kind = RuleKind.Absence };
        const string Key = "proc.count{name=worker}";

        Assert.Null(Step(rule, 0, Key, 1));
        var gone = Step(rule, 1, null, null);
        Assert.Equal("CRITICAL", Head(gone));
        Assert.False(gone!.Silent);
        Assert.Equal("RESOLVED", Head(Step(rule, 2, Key, 1)));
    }

    [Fact]
    public void Absence_NodeUnreachable_StaysQuiet()
    {
        var rule = new ThresholdRule("worker-gone", "proc.count", "Worker process", 0, 1, 0, 1) { Kind = RuleKind.Absence };
        Step(rule, 0, "proc.count{name=worker}", 1);

        var decision = _engine.Evaluate(Some.Node(), new PollOutcome.Failed(Some.At(1), "connection refused"), Settings(rule), new Dictionary<string, AlertState>());

        Assert.Empty(decision.Messages);
    }

    [Fact]
    public void Baseline_OnBytesWithNoStaticRange_LearnsTheNormalAndFlagsTheUnusual()
    {
        var rule = new ThresholdRule("rx-unusual", "net.rx_bps", "Inbound traffic", 1e6, 1, 5e7, 1) { Kind = RuleKind.Baseline };
        var messages = new List<OutboxMessage?>();
        for (var hour = 0; hour < 24 * 5; hour++)
        {
            // 2-3 MB/s, every hour of five days: the learned normal. Far past 100, so nothing assumes 0-100.
            messages.Add(Step(rule, hour * 60, Rx, 2e6 + (hour % 3 * 5e5)));
        }

        Assert.All(messages, m => Assert.Null(m));
        var spike = Enumerable.Range(1, 10).Select(i => Step(rule, (24 * 5 * 60) + i, Rx, 9e7)).ToList();
        Assert.Contains(spike, m => Head(m) is "WARNING" or "CRITICAL");
    }

    [Fact]
    public void Problems_BelowRuleWithCriticalAboveWarning_IsNamed()
    {
        var rule = new ThresholdRule("free", "disk.free_gb", "Free space", 5, 1, 10, 1) { Direction = Direction.Below };

        Assert.Contains(rule.Problems(), p => p.Field == "Critical" && p.Message.Contains("at most Warning", StringComparison.Ordinal));
    }

    [Fact]
    public void Problems_WindowOnANonRateRule_IsNamed()
    {
        var rule = ThresholdRule.Defaults[0] with { Window = TimeSpan.FromMinutes(5) };

        Assert.Contains(rule.Problems(), p => p.Field == "Window");
    }

    private static MonitorSettings Settings(ThresholdRule rule) => new([.. ThresholdRule.Defaults, rule], 2);

    private static string? Head(OutboxMessage? m) => m is null ? null
        : new[] { "ESCALATED to CRITICAL", "DOWNGRADED to WARNING", "RESOLVED", "CRITICAL", "WARNING" }.FirstOrDefault(h => m.Html.Contains(h, StringComparison.Ordinal));

    private List<OutboxMessage?> Timeline(ThresholdRule rule, string key, double[] values) =>
        [.. values.Select((v, i) => Step(rule, i, key, v))];

    /// <summary>One poll at minute <paramref name="minute"/> carrying only <paramref name="key"/> (nothing when null); its one message about the rule, if any.</summary>
    private OutboxMessage? Step(ThresholdRule rule, int minute, string? key, double? value)
    {
        var values = new Dictionary<string, double>(Some.Sample(minute).Values);
        if (key is not null && value is { } v)
        {
            values[key] = v;
        }

        var decision = _engine.Evaluate(Some.Node(), new PollOutcome.Succeeded(new Sample("tokyo-1", Some.At(minute), values)), Settings(rule), new Dictionary<string, AlertState>());
        _engine.Apply(decision.Changed);
        return decision.Messages.SingleOrDefault(m => m.Html.Contains(rule.Title, StringComparison.Ordinal));
    }
}
