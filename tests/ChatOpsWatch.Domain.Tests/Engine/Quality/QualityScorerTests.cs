using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Domain.Engine;
using ChatOpsWatch.Domain.Engine.Quality;

namespace ChatOpsWatch.Domain.Tests.Engine.Quality;

public sealed class QualityScorerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);

    private static readonly LabelledWindow[] Windows =
    [
        new("service_died", T0.AddHours(10), T0.AddHours(12), T0.AddHours(10)),
        new("memory_leak", T0.AddDays(2), T0.AddDays(3), T0.AddDays(3)),
    ];

    private static AlertEpisode At(DateTimeOffset start) => new(start, start.AddMinutes(5), Severity.Warning, "r", "why");

    private static QualityResult Score(params AlertEpisode[] episodes) =>
        QualityScorer.Score([new ScoredSeries("s", "cpu.busy_pct", TimeSpan.FromDays(7), Windows, episodes)]);

    [Fact]
    public void Score_NoDetections_IsZero() => Assert.Equal(0, Score().WindowedScore, 9);

    [Fact]
    public void Score_EachWindowCaughtAtItsStartAndNothingFalse_IsHundred()
    {
        var result = Score(At(Windows[0].Start), At(Windows[1].Start));

        Assert.Equal(100, result.WindowedScore, 9);
        Assert.Equal(1.0, result.Recall);
        Assert.Equal(0, result.FalseEpisodes);
    }

    [Fact]
    public void Score_OneFalseEpisodeAndALateCatch_CostsAsTheFormulaSays()
    {
        // Window 0 caught halfway (y = -0.5), window 1 missed, one false episode on day 5.
        var result = Score(At(T0.AddHours(11)), At(T0.AddDays(5)));

        var raw = QualityScorer.Sigma(-0.5) - 1 - QualityScorer.FalseCost;
        var expected = 100 * (raw + 2) / ((2 * QualityScorer.Sigma(-1)) + 2);
        Assert.Equal(expected, result.WindowedScore, 9);
        Assert.Equal(0.5, result.Recall);
        Assert.Equal(1 / 1.0, result.FalsePerWeekPerSeries, 9);
        Assert.Equal(-60, result.MedianLeadMinutes);
    }
}
