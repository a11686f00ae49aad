using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Domain.Engine.Live;
using ChatOpsWatch.Domain.Indicators;
using ChatOpsWatch.Domain.Notifications;
using ChatOpsWatch.Domain.Probing;
using ChatOpsWatch.Domain.Samples;
using ChatOpsWatch.Domain.Tests.Probing;
using ChatOpsWatch.Domain.Text;

namespace ChatOpsWatch.Domain.Tests.Indicators;

/// <summary>Every seed rule of the catalogue works live: past its critical level it alerts, titled in Chinese; a series the node never reports never alerts.</summary>
public sealed class SeedRuleTests
{
    public static TheoryData<string> Seeds() => [.. IndicatorCatalog.Seeds.Select(r => r.Id)];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void LiveEngine_SeriesPastTheSeedsCriticalLevel_AlertsWithTheChineseTitle(string id)
    {
        var seed = IndicatorCatalog.Seeds.Single(r => r.Id == id);
        var engine = new LiveEngine { Texts = TextCatalog.Chinese };
        var key = SampleKey(seed.Metric);
        var sent = new List<OutboxMessage>();

        var past = seed.Direction == ChatOpsWatch.Domain.Engine.Direction.Below ? Math.Max(0, seed.Critical - 1) : seed.Critical + 1;
        for (var minute = 0; minute <= Math.Max(seed.CriticalFor, seed.WarningFor) + WindowMeanSource.MinSamples; minute++)
        {
            sent.AddRange(Poll(engine, new Sample("tokyo-1", Some.At(minute), new Dictionary<string, double> { [key] = past })));
        }

        Assert.Contains(sent, m => m.Severity == Severity.Critical && m.Html.Contains(TextCatalog.Chinese["reason.title." + id], StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void LiveEngine_SeriesTheNodeNeverReports_NeverAlerts(string id)
    {
        var seed = IndicatorCatalog.Seeds.Single(r => r.Id == id);
        var engine = new LiveEngine { Texts = TextCatalog.Chinese };
        var real = SampleCalculator.Compute("tokyo-1", null, ProbeFixtures.Snapshot(ProbeFixtures.V2Dash), Some.At(0));
        var without = real.Values.Where(kv => MetricKey.NameOf(kv.Key) != seed.Metric).ToDictionary(kv => kv.Key, kv => kv.Value);

        for (var minute = 0; minute < 60; minute++)
        {
            Assert.DoesNotContain(Poll(engine, new Sample("tokyo-1", Some.At(minute), without)), m => m.Html.Contains(TextCatalog.Chinese["reason.title." + id], StringComparison.Ordinal));
        }
    }

    /// <summary>The key the probe gives the seed's metric (labels included, from a real capture), or its bare name.</summary>
    private static string SampleKey(string metric)
    {
        var real = SampleCalculator.Compute("tokyo-1", null, ProbeFixtures.Snapshot(ProbeFixtures.V2Dash), Some.At(0));
        return real.Values.Keys.Where(k => MetricKey.NameOf(k) == metric).Order(StringComparer.Ordinal).FirstOrDefault() ?? metric;
    }

    private readonly Dictionary<string, AlertState> projections = new(StringComparer.Ordinal);

    private List<OutboxMessage> Poll(LiveEngine engine, Sample sample)
    {
        var decision = engine.Evaluate(Some.Node(), new PollOutcome.Succeeded(sample), MonitorSettings.Default, projections);
        engine.Apply(decision.Changed);
        foreach (var t in decision.Projections)
        {
            projections[AlertKey.Of(t.Next)] = t.Next;
        }

        return [.. decision.Messages];
    }
}
