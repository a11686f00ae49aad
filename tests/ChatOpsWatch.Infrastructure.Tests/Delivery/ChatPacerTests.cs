using ChatOpsWatch.Infrastructure.Delivery;

namespace ChatOpsWatch.Infrastructure.Tests.Delivery;

public sealed class ChatPacerTests
{
    private static readonly DateTimeOffset T0 = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void NextAllowed_FreshChat_IsNow()
    {
        Assert.Equal(T0, new ChatPacer().NextAllowed(-1, T0));
    }

    [Fact]
    public void NextAllowed_AfterASend_IsOneSecondLaterForThatChatOnly()
    {
        var pacer = new ChatPacer();
        pacer.Record(42, T0);

        Assert.Equal(T0.AddSeconds(1), pacer.NextAllowed(42, T0.AddMilliseconds(200)));
        Assert.Equal(T0.AddMilliseconds(200), pacer.NextAllowed(43, T0.AddMilliseconds(200)));
    }

    [Fact]
    public void NextAllowed_TwentiethGroupMessage_WaitsForTheOldestToLeaveTheMinute()
    {
        var pacer = new ChatPacer();
        for (var i = 0; i < 20; i++)
        {
            pacer.Record(-100, T0.AddSeconds(i * 2));
        }

        Assert.Equal(T0.AddMinutes(1), pacer.NextAllowed(-100, T0.AddSeconds(40), priority: true));
    }

    [Fact]
    public void NextAllowed_AlertsSpentSixteenInAMinute_AReplyStillGoesAfterTheOneSecondGap()
    {
        var pacer = new ChatPacer();
        for (var i = 0; i < 16; i++)
        {
            Assert.Equal(T0.AddSeconds(i * 2), pacer.TryTake(-100, T0.AddSeconds(i * 2)));
        }

        var now = T0.AddSeconds(31);
        Assert.Equal(T0.AddSeconds(60), pacer.NextAllowed(-100, now)); // the 17th alert waits for the oldest to leave
        Assert.Equal(now, pacer.TryTake(-100, now, priority: true));   // the reply goes now: its reserve is untouched
        Assert.Equal(now.AddSeconds(1), pacer.NextAllowed(-100, now.AddMilliseconds(10), priority: true));
    }

    [Fact]
    public void NextAllowed_PrivateChat_HasNoPerMinuteLimit()
    {
        var pacer = new ChatPacer();
        for (var i = 0; i < 25; i++)
        {
            pacer.Record(42, T0.AddSeconds(i));
        }

        Assert.Equal(T0.AddSeconds(25), pacer.NextAllowed(42, T0.AddSeconds(25)));
    }

    [Fact]
    public void NextAllowed_ThirtyPerSecondOverall_HoldsEveryChat()
    {
        var pacer = new ChatPacer();
        for (var i = 0; i < 30; i++)
        {
            pacer.Record(1000 + i, T0.AddMilliseconds(i * 10));
        }

        Assert.Equal(T0.AddSeconds(1), pacer.NextAllowed(5, T0.AddMilliseconds(500)));
    }

    [Fact]
    public void NextAllowed_Paused_WaitsUntilThePauseEnds()
    {
        var pacer = new ChatPacer();
        pacer.Pause(-100, T0.AddSeconds(30));
        pacer.Pause(-100, T0.AddSeconds(10)); // a shorter pause never shortens a longer one

        Assert.Equal(T0.AddSeconds(30), pacer.NextAllowed(-100, T0));
        Assert.Equal(T0.AddSeconds(31), pacer.NextAllowed(-100, T0.AddSeconds(31)));
    }
}
