using ChatOpsWatch.Domain.SelfWatch;

namespace ChatOpsWatch.Domain.Tests.SelfWatch;

public sealed class HealthJudgeTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    private static Liveness Beat(DateTimeOffset? fired, int nodes = 2) =>
        new(Some.T0, Some.T0, fired, fired, nodes == 0 ? TimeSpan.Zero : Interval, nodes, Liveness.BeatFor(Interval));

    [Fact]
    public void Scheduler_FiredWithinTwoIntervalsAndABeat_IsHealthy_OneSecondLater_NamesTheBound()
    {
        var fired = Some.T0;

        var inside = HealthJudge.Scheduler(Beat(fired), fired + (2 * Interval) + TimeSpan.FromSeconds(15));
        var outside = HealthJudge.Scheduler(Beat(fired), fired + (2 * Interval) + TimeSpan.FromSeconds(16));

        Assert.True(inside.Ok, inside.Detail);
        Assert.False(outside.Ok);
        Assert.Equal("scheduler: FAILED: no poll fired for 76 s (bound 75 s: 2 × 30 s + one beat)", outside.ToString());
    }

    [Fact]
    public void Scheduler_NoFireYet_CountsFromTheStart()
    {
        Assert.True(HealthJudge.Scheduler(Beat(null), Some.T0.AddSeconds(20)).Ok);
        Assert.Contains("since start", HealthJudge.Scheduler(Beat(null), Some.T0.AddMinutes(5)).Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Scheduler_NoLivenessRecord_IsUnhealthy()
    {
        Assert.False(HealthJudge.Scheduler(null, Some.T0).Ok);
    }

    [Fact]
    public void Scheduler_NoNodes_IsHealthyWhileTheBeatIsFresh()
    {
        var beat = Beat(null, nodes: 0);

        Assert.True(HealthJudge.Scheduler(beat, Some.T0.AddSeconds(30)).Ok);
        Assert.False(HealthJudge.Scheduler(beat, Some.T0.AddMinutes(2)).Ok);
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData(60, true)]
    [InlineData(899, true)]
    [InlineData(900, false)]
    public void Outbox_OldestUnsentAgainstTheBound(int? ageSeconds, bool ok)
    {
        var oldest = ageSeconds is { } s ? Some.T0.AddSeconds(-s) : (DateTimeOffset?)null;

        var result = HealthJudge.Outbox(oldest, ageSeconds is null ? 0 : 3, Some.T0, TimeSpan.FromMinutes(15));

        Assert.Equal(ok, result.Ok);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(30, 15)]
    [InlineData(300, 15)]
    [InlineData(0, 15)]
    public void BeatFor_HalfTheIntervalFromOneToFifteenSeconds(int intervalSeconds, int beatSeconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(beatSeconds), Liveness.BeatFor(TimeSpan.FromSeconds(intervalSeconds)));
    }
}
