using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Domain.Engine.Live;
using ChatOpsWatch.Domain.Engine.Reports;
using ChatOpsWatch.Domain.Samples;
using ChatOpsWatch.Domain.Text;

namespace ChatOpsWatch.Domain.Tests.Engine.Reports;

public sealed class BaselineLearnerTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 16, 0, 0, 0, TimeSpan.Zero);

    /// <summary>A week of 5-minute samples: CPU 10–14 %, with a nightly backup at 95 % from 03:00 to 03:40.</summary>
    private static BaselineLearner Learned(IReadOnlySet<string>? extra = null)
    {
        var learner = new BaselineLearner(MonitorSettings.Default, EngineOptions.Default, _ => true, extra ?? new HashSet<string>());
        for (var t = Start; t < Start.AddDays(7); t = t.AddMinutes(5))
        {
            var cpu = t.Hour == 3 && t.Minute < 40 ? 95 : 10 + (t.Minute % 5);
            learner.Learn(new Sample("tokyo-1", t, new Dictionary<string, double> { [MetricNames.CpuBusyPct] = cpu, ["net.rx_bytes_per_s"] = 2e6 + (t.Hour * 1e5) }));
        }

        return learner;
    }

    [Fact]
    public void Report_WeekWithNightlyBackup_ShowsTheBackupHourAsTheHighestLearnedLevelBesideTheStaticOnes()
    {
        var series = Assert.Single(Learned().Report(Start.AddDays(7)));

        Assert.Equal(("tokyo-1", "cpu.busy_pct", "cpu.busy_pct:baseline", true), (series.Node, series.Series, series.RuleId, series.LiveRule));
        Assert.Equal(70, series.Static!.Warning);
        var backup = series.Hours.Single(h => h.Hour == 3);
        Assert.True(backup.Warning > 95, $"the backup hour warns above {backup.Warning}");
        Assert.Equal(70, series.Hours.Single(h => h.Hour == 14).Warning); // a quiet hour: the floor

        var text = BaselineReportText.Format([series], TextCatalog.English, detailed: false);
        Assert.Contains("static:  warning > 70, critical > 85 (rule cpu)", text, StringComparison.Ordinal);
        Assert.Matches(@"highest learned hours \(UTC\): 03:00 1\d\d", text); // above 100 %: the backup hour never warns
    }

    [Fact]
    public void Report_MetricWithoutStaticThresholdsNamedExplicitly_LearnsItWithNoZeroToHundredAssumption()
    {
        var report = Learned(new HashSet<string> { "net.rx_bytes_per_s" }).Report(Start.AddDays(7));

        var net = Assert.Single(report, s => s.Series == "net.rx_bytes_per_s");
        Assert.False(net.LiveRule);
        Assert.Null(net.Options.Floor);
        Assert.True(net.Hours.Single(h => h.Hour == 20).Warning > 4e6, "bytes far above 100 are learned as they are");
        Assert.Contains("没有学习型规则", BaselineReportText.Format([net], TextCatalog.Chinese, detailed: true), StringComparison.Ordinal);
    }
}
