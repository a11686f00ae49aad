using ChatOpsWatch.Domain.Time;
using Microsoft.Extensions.Time.Testing;

namespace ChatOpsWatch.Domain.Tests.Time;

public sealed class BackoffTests
{
    private static readonly BackoffOptions FiveToForty = new(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(40));
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero));

    [Theory]
    [InlineData(1, 5)]
    [InlineData(2, 10)]
    [InlineData(3, 20)]
    [InlineData(4, 40)]
    [InlineData(5, 40)]
    [InlineData(1000, 40)]
    public void DelayAfter_MidDraw_DoublesUpToTheCap(int failures, int seconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(seconds), FiveToForty.DelayAfter(failures, 0.5));
    }

    [Theory]
    [InlineData(0.0, 7.5)]
    [InlineData(0.999999, 12.5)]
    public void DelayAfter_ExtremeDraws_SpreadAQuarterEitherSide(double unit, double seconds)
    {
        Assert.Equal(seconds, FiveToForty.DelayAfter(2, unit).TotalSeconds, 3);
    }

    [Fact]
    public void DelayAfter_JitterAtTheCap_NeverExceedsTheCap()
    {
        Assert.Equal(TimeSpan.FromSeconds(40), FiveToForty.DelayAfter(9, 0.99));
        Assert.Equal(TimeSpan.FromSeconds(30), FiveToForty.DelayAfter(9, 0.0));
    }

    [Fact]
    public void Fail_Timeline_WaitsGrowAndOneSuccessStartsOver()
    {
        var draws = new Queue<double>([0.5, 0.5, 0.5, 0.0, 0.5]);
        var backoff = new Backoff(FiveToForty, time, draws.Dequeue);
        (int Second, Action Step, int Failures, int RemainingSeconds)[] timeline =
        [
            (0, () => backoff.Fail(), 1, 5),
            (5, () => backoff.Fail(), 2, 10),
            (15, () => backoff.Fail(), 3, 20),
            (20, () => { }, 3, 15),
            (35, () => backoff.Succeed(), 0, 0),
            (40, () => backoff.Fail(), 1, 3),     // draw 0.0: 5 s less a quarter, rounded down by the clock below
            (43, () => backoff.Fail(), 2, 10),
        ];

        var start = time.GetUtcNow();
        foreach (var (second, step, failures, remaining) in timeline)
        {
            time.SetUtcNow(start.AddSeconds(second));
            step();
            Assert.Equal(failures, backoff.Failures);
            Assert.Equal(remaining, (int)backoff.Remaining.TotalSeconds);
        }
    }

    [Fact]
    public void Fail_OneImmediate_FirstBreakRetriesAtOnceThenDoublesFromFirstUpToTheCap()
    {
        // The SSH reconnect (issue 16): a session that broke once is reopened at the next poll, a second failure waits 2 s.
        var backoff = new Backoff(new BackoffOptions(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(10), Immediate: 1), time, () => 0.5);
        (int Second, bool Fails, int Failures, int RemainingSeconds)[] timeline =
        [
            (0, true, 1, 0),     // at once
            (0, true, 2, 2),
            (2, true, 3, 4),
            (6, true, 4, 8),
            (14, true, 5, 10),   // the cap
            (20, false, 5, 4),   // still inside the wait
            (24, true, 6, 10),
        ];

        var start = time.GetUtcNow();
        foreach (var (second, fails, failures, remaining) in timeline)
        {
            time.SetUtcNow(start.AddSeconds(second));
            if (fails)
            {
                backoff.Fail();
            }

            Assert.Equal(failures, backoff.Failures);
            Assert.Equal(remaining, (int)backoff.Remaining.TotalSeconds);
        }

        backoff.Succeed();
        Assert.Equal(TimeSpan.Zero, backoff.Fail()); // a success starts over: the next break is retried at once again
    }

    [Fact]
    public void Fail_LoopsFailingTogether_RetryApartUnderSeededDraws()
    {
        // Nodes of one provider that lose their sessions in the same instant: each loop draws its own spread.
        var options = new BackoffOptions(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(60), Immediate: 1);
        var random = new Random(16);
        var loops = Enumerable.Range(0, 20).Select(_ => new Backoff(options, time, random.NextDouble)).ToList();

        var waits = loops.Select(b => { b.Fail(); b.Fail(); b.Fail(); return b.Remaining; }).ToList();

        Assert.All(waits, w => Assert.InRange(w.TotalSeconds, 3, 5)); // 4 s ±25 %
        Assert.True(waits.Distinct().Count() >= 18, string.Join(", ", waits));
    }

    [Fact]
    public void ResumeNow_KeepsTheCount_SoARelapseWaitsLonger()
    {
        var backoff = new Backoff(FiveToForty, time, () => 0.5);
        backoff.Fail();
        backoff.Fail();

        backoff.ResumeNow();

        Assert.Equal(TimeSpan.Zero, backoff.Remaining);
        Assert.Equal(TimeSpan.FromSeconds(20), backoff.Fail());
    }

    [Fact]
    public void Succeed_AfterFailures_SaysTheStreakEnded()
    {
        var backoff = new Backoff(FiveToForty, time, () => 0.5);
        Assert.False(backoff.Succeed());
        backoff.Fail();
        Assert.True(backoff.Succeed());
        Assert.Equal(DateTimeOffset.MinValue, backoff.RetryAt);
    }
}
