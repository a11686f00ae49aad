using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Domain.Engine.Noise;
using ChatOpsWatch.Domain.Engine.Policy;
using ChatOpsWatch.Domain.Text;
using static ChatOpsWatch.Domain.Tests.Engine.Timeline;

namespace ChatOpsWatch.Domain.Tests.Engine.Noise;

public sealed class NoiseReportTests
{
    private static readonly NoiseOptions Options = new(TimeSpan.FromMinutes(10), WarningLevels: new Dictionary<string, double> { ["cpu"] = 70 });

    /// <summary>An episode of rule cpu on tokyo-1, starting <paramref name="hour"/> hours in, lasting <paramref name="minutes"/>.</summary>
    private static NoiseEpisode Episode(double hour, double minutes, double? peak = null, string rule = "cpu") =>
        new("tokyo-1", rule, "cpu.busy_pct", T0.AddHours(hour), T0.AddHours(hour).AddMinutes(minutes), Severity.Warning, peak);

    [Fact]
    public void Build_MostlyShortSpikesBelowTheRealIncidentsPeaks_SuggestsRaisingTheWarning()
    {
        NoiseEpisode[] episodes =
        [
            .. Enumerable.Range(0, 8).Select(i => Episode(i * 6, 4, peak: 85 + (i * 0.8))), // peaks 85 … 90.6
            Episode(60, 120, peak: 99),
            Episode(80, 90, peak: 97),
        ];

        var rule = Assert.Single(NoiseReport.Build(episodes, [], [], Options));

        Assert.Equal((10, 8, 0, 0), (rule.Episodes, rule.SelfResolved, rule.Flapping, rule.MutedBeforeAck));
        Assert.Equal(new NoiseSuggestion(SuggestionKind.RaiseWarning, Level: 91), Assert.Single(rule.Suggestions));
    }

    [Fact]
    public void Build_ShortEpisodesWhoseLevelCannotRiseWithoutLosingARealOne_SuggestsWaitingFor()
    {
        NoiseEpisode[] episodes = [Episode(0, 3, 90), Episode(6, 4, 92), Episode(12, 6, 91), Episode(18, 60, 88)];

        var rule = Assert.Single(NoiseReport.Build(episodes, [], [], Options));

        var suggestion = Assert.Single(rule.Suggestions);
        Assert.Equal(SuggestionKind.WaitFor, suggestion.Kind);
        Assert.Equal(TimeSpan.FromMinutes(6), suggestion.Duration);
    }

    [Fact]
    public void Build_EpisodesRefiringMinutesAfterTheyEnd_CountsFlappingAndSuggestsKeepFiringFor()
    {
        // Four 30-minute episodes, each 5 minutes after the previous one ended.
        var episodes = Enumerable.Range(0, 4).Select(i => Episode(i * 35 / 60.0, 30)).ToList();

        var rule = Assert.Single(NoiseReport.Build(episodes, [], [], Options));

        Assert.Equal(3, rule.Flapping);
        Assert.Contains(new NoiseSuggestion(SuggestionKind.KeepFiringFor, Duration: TimeSpan.FromMinutes(5)), rule.Suggestions);
    }

    [Fact]
    public void Build_SilencedWhileFiringBeforeAnyAck_CountsMutedButNotPlannedSilencesOrAckedOnes()
    {
        var muted = Episode(0, 60);
        var planned = Episode(10, 60);
        var acked = Episode(20, 60);
        Silence[] silences =
        [
            Mute(muted.Start.AddMinutes(5)),
            Mute(planned.Start.AddMinutes(-30)),  // maintenance set beforehand: not noise
            Mute(acked.Start.AddMinutes(20)),     // after someone took it
        ];
        Acknowledgement[] acks = [new("tokyo-1", "cpu", acked.Start, "ana", acked.Start.AddMinutes(10))];

        var rule = Assert.Single(NoiseReport.Build([muted, planned, acked], silences, acks, Options));

        Assert.Equal(1, rule.MutedBeforeAck);
    }

    [Fact]
    public void Build_ShortEpisodeAcknowledgedBeforeItEnded_IsNotSelfResolved()
    {
        var episode = Episode(0, 5);
        Acknowledgement[] acks = [new("tokyo-1", "cpu", episode.Start, "ana", episode.Start.AddMinutes(2))];

        var rule = Assert.Single(NoiseReport.Build([episode], [], acks, Options));

        Assert.Equal(0, rule.SelfResolved);
        Assert.Equal(SuggestionKind.TooFewEpisodes, Assert.Single(rule.Suggestions).Kind);
    }

    [Fact]
    public void Format_InBothLanguages_StatesTheFiguresAndTheSuggestion()
    {
        var report = NoiseReport.Build([.. Enumerable.Range(0, 4).Select(i => Episode(i * 6, 4, peak: 90))], [], [], Options);

        var en = NoiseReportText.Format(report, Options, TextCatalog.English);
        var zh = NoiseReportText.Format(report, Options, TextCatalog.Chinese);

        Assert.Contains("cpu: 4 episode(s); 4 resolved by themselves within 10m (100 %)", en, StringComparison.Ordinal);
        Assert.Contains("suggestion: raise warning to 91", en, StringComparison.Ordinal);
        Assert.Contains("建议：将警告阈值提高到 91", zh, StringComparison.Ordinal);
    }

    private static Silence Mute(DateTimeOffset at) =>
        new("1", [new Matcher("node", "tokyo-1")], at, at.AddHours(2), "ana", "noisy");
}
