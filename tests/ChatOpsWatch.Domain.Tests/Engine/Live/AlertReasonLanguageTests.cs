using System.Net;
using System.Text.RegularExpressions;
using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Domain.Engine;
using ChatOpsWatch.Domain.Engine.Live;
using ChatOpsWatch.Domain.Notifications;
using ChatOpsWatch.Domain.Samples;
using ChatOpsWatch.Domain.Text;

namespace ChatOpsWatch.Domain.Tests.Engine.Live;

/// <summary>
/// A zh-CN chat reads the whole alert in Chinese, the reason included: the part each signal source writes used to be
/// English. The English rendering must stay exactly as it was, since operators and tests match on it.
/// </summary>
public sealed partial class AlertReasonLanguageTests
{
    // Units an alert may show in either language; names (node, metric, mount) are passed per test.
    private static readonly HashSet<string> Units = new(StringComparer.Ordinal) { "ms", "h" };

    [Fact]
    public void Evaluate_CpuCriticalThenResolvedInChinese_ReasonsHaveNoEnglishWords()
    {
        var (critical, resolved) = CpuCriticalThenResolved(TextCatalog.Chinese);

        Assert.Equal("CPU 使用率 90 % &gt; 85 %，连续 5 个样本", Body(critical)[0]);
        Assert.Equal(["CPU 使用率 已回落到 60 %（≤ 66.5 %）", "持续 5 分钟"], Body(resolved));
        Assert.Empty(EnglishWords(critical, "CPU"));
        Assert.Empty(EnglishWords(resolved, "CPU"));
    }

    [Fact]
    public void Evaluate_CpuCriticalThenResolvedInEnglish_ReasonsAreUnchanged()
    {
        var (critical, resolved) = CpuCriticalThenResolved(TextCatalog.English);

        Assert.StartsWith("🔴 ESCALATED to CRITICAL · <b>tokyo-1</b>", critical.Html, StringComparison.Ordinal);
        Assert.Equal(["CPU 90 % &gt; 85 % for 5 samples"], Body(critical));
        Assert.Equal(["CPU back to 60 % (≤ 66.5 %)", "after 5 min"], Body(resolved));
        Assert.Contains("samples", EnglishWords(critical, "CPU")); // the Chinese check above would catch these
    }

    [Fact]
    public void Evaluate_CpuCriticalInEnglish_IncidentKeepsItsDetailInEveryLanguage()
    {
        // Switched to zh-CN while the incident is open, its message is reworded from this, not from the English.
        var (critical, resolved) = CpuCriticalThenResolved(TextCatalog.English);

        Assert.Equal(new TextEntry("CPU 90 % &gt; 85 % for 5 samples", "CPU 使用率 90 % &gt; 85 %，连续 5 个样本"), critical.Incident!.Details);
        Assert.Equal(critical.Incident.Detail, critical.Incident.Details!.En);
        Assert.Equal("CPU 使用率 已回落到 60 %（≤ 66.5 %）", resolved.Incident!.Details!.ZhCn);
    }

    [Fact]
    public void Evaluate_DiskFillingInChinese_ForecastReasonHasNoEnglishWords()
    {
        var warning = DiskForecast(TextCatalog.Chinese);

        Assert.Matches(@"^磁盘使用率（写满预测） /（系统盘） 按当前趋势约 \d+(\.\d)? 小时后写满（过去 60 分钟内 \d+ % 的数据与趋势一致）$", Body(warning)[0]);
        Assert.Empty(EnglishWords(warning));
    }

    [Fact]
    public void Evaluate_DiskFillingInEnglish_ForecastReasonIsUnchanged()
    {
        var warning = DiskForecast(TextCatalog.English);

        Assert.Matches(@"^Disk \(forecast\) / \(system disk\) full in about \d+(\.\d)? h at the current trend \(\d+ % of the last 60 minutes agree\)$", Body(warning)[0]);
    }

    [Fact]
    public void Describe_EverySourceInChinese_HasNoEnglishWords()
    {
        SourceCase[] cases =
        [
            new(new ThresholdSource(new Levels(Direction.Below, 10, 5)), [20, 8, 3]),
            new(new AbsenceSource(), [null]),
            new(new RateSource(new Levels(Direction.Above, 1, 2), TimeSpan.FromMinutes(2)), [0, 100, 200, 300]),
        ];

        foreach (var (source, values) in cases)
        {
            for (var i = 0; i < values.Length; i++)
            {
                source.Classify(values[i], Some.At(i), Severity.None);
                var reason = source.Describe(TextCatalog.Chinese);
                Assert.True(!Words(reason).Any(), $"{source.GetType().Name}: {reason}");
            }
        }
    }

    [Fact]
    public void Entries_EveryReasonInChinese_HasNoEnglishWords()
    {
        foreach (var (key, entry) in TextCatalog.Entries.Where(e => e.Key.StartsWith("reason.", StringComparison.Ordinal)))
        {
            var words = Words(PlaceholderPattern().Replace(entry.ZhCn, " ")).ToList();
            Assert.True(words.Count == 0 || key is "reason.title.cpu" or "reason.title.http", $"{key}: {string.Join(", ", words)}");
        }
    }

    [Fact]
    public void TitleIn_SeedOrOperatorTitle_TranslatesOnlyTheSeedsOwn()
    {
        var renamed = MonitorSettings.Default with
        {
            Rules = [.. MonitorSettings.Default.Rules.Select(r => r.Id == "memory" ? r with { Title = "RAM" } : r)],
        };

        Assert.Equal(["内存使用率", "内存使用率（学习基线）", "内存使用率（偏离自身常态）"], LiveRule.For(MetricNames.MemUsedPct, MonitorSettings.Default).Select(r => r.TitleIn(TextCatalog.Chinese)));
        Assert.Equal(["Memory", "Memory (baseline)", "Memory (unlike itself)"], LiveRule.For(MetricNames.MemUsedPct, MonitorSettings.Default).Select(r => r.TitleIn(TextCatalog.English)));
        Assert.Equal(["RAM", "RAM（学习基线）", "RAM（偏离自身常态）"], LiveRule.For(MetricNames.MemUsedPct, renamed).Select(r => r.TitleIn(TextCatalog.Chinese)));
    }

    private static (OutboxMessage Critical, OutboxMessage Resolved) CpuCriticalThenResolved(TextCatalog texts)
    {
        var engine = new LiveEngine { Texts = texts };
        var projections = new Dictionary<string, AlertState>(StringComparer.Ordinal);
        var messages = new List<OutboxMessage>();
        foreach (var (minute, cpu) in new[] { (0, 90.0), (1, 90), (2, 90), (3, 90), (4, 90), (5, 60) })
        {
            var decision = engine.Evaluate(Some.Node(), new PollOutcome.Succeeded(Some.Sample(minute, cpu: cpu)), MonitorSettings.Default, projections);
            engine.Apply(decision.Changed);
            messages.AddRange(decision.Messages);
        }

        Assert.Equal(3, messages.Count); // warning, escalation, resolution
        return (messages[1], messages[2]);
    }

    private static OutboxMessage DiskForecast(TextCatalog texts)
    {
        // 30 % filling by 10 % an hour: full in about 7 h, which the forecast warns of once 40 minutes are learned.
        var engine = new LiveEngine { Texts = texts };
        var projections = new Dictionary<string, AlertState>(StringComparer.Ordinal);
        var messages = new List<OutboxMessage>();
        for (var minute = 0; minute < 120; minute++)
        {
            var sample = Some.Sample(minute, rootDisk: 30 + (minute / 6.0));
            var decision = engine.Evaluate(Some.Node(), new PollOutcome.Succeeded(sample), MonitorSettings.Default, projections);
            engine.Apply(decision.Changed);
            messages.AddRange(decision.Messages);
        }

        return Assert.Single(messages);
    }

    /// <summary>The lines under the head line (which names the node and its tags).</summary>
    private static string[] Body(OutboxMessage message) => message.Html.Split('\n')[1..];

    private static IEnumerable<string> EnglishWords(OutboxMessage message, params string[] names)
    {
        var body = string.Join('\n', Body(message));
        body = names.Aggregate(body, (text, name) => text.Replace(name, " ", StringComparison.Ordinal));
        return Words(WebUtility.HtmlDecode(TagPattern().Replace(body, " ")));
    }

    private static IEnumerable<string> Words(string text) =>
        WordPattern().Matches(text).Select(m => m.Value).Where(w => !Units.Contains(w));

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex TagPattern();

    [GeneratedRegex(@"\{\d+(:[^}]*)?\}")]
    private static partial Regex PlaceholderPattern();

    [GeneratedRegex("[A-Za-z]+")]
    private static partial Regex WordPattern();

    private sealed record SourceCase(ISignalSource Source, double?[] Values);
}
