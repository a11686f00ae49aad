using ChatOpsWatch.Domain.Chat.NodeAdmin;
using ChatOpsWatch.Domain.Nodes;
using Microsoft.Extensions.Time.Testing;
using ChatOpsWatch.Infrastructure.Chat.NodeAdmin;

namespace ChatOpsWatch.Infrastructure.Tests.Chat.NodeAdmin;

public sealed class PendingNodeChangesTests
{
    private const long Chat = -100;
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 24, 22, 0, 0, TimeSpan.Zero));

    private static PendingAdd Add(PendingNodeChanges pending) => new(
        new NodeAddRequest("web-3", "root", "10.0.0.5", 22, "unknown", "unknown", NodeRole.Core, "default"),
        RecordingScanner.Key,
        Chat,
        "@ann (42)",
        pending.ExpiryOfNew);

    [Theory]
    [InlineData(0, PendingTake.Taken)]
    [InlineData(9.99, PendingTake.Taken)]
    [InlineData(10, PendingTake.Expired)]
    [InlineData(25, PendingTake.Expired)]
    public void TryTake_AfterMinutes_TakenOnlyBeforeTheTimeout(double minutes, PendingTake expected)
    {
        var pending = new PendingNodeChanges(_clock, TimeSpan.FromMinutes(10));
        var id = pending.Add(Add(pending));

        _clock.Advance(TimeSpan.FromMinutes(minutes));

        Assert.Equal(expected, pending.TryTake(id, Chat, out var change));
        Assert.Equal(expected == PendingTake.Taken, change is not null);
    }

    [Fact]
    public void TryTake_Twice_SecondIsExpired()
    {
        var pending = new PendingNodeChanges(_clock, TimeSpan.FromMinutes(10));
        var id = pending.Add(Add(pending));

        Assert.Equal(PendingTake.Taken, pending.TryTake(id, Chat, out _));
        Assert.Equal(PendingTake.Expired, pending.TryTake(id, Chat, out _));
    }

    [Fact]
    public void TryTake_FromAnotherChat_RefusedAndStillWaiting()
    {
        var pending = new PendingNodeChanges(_clock, TimeSpan.FromMinutes(10));
        var id = pending.Add(Add(pending));

        Assert.Equal(PendingTake.OtherChat, pending.TryTake(id, -200, out _));
        Assert.Equal(PendingTake.Taken, pending.TryTake(id, Chat, out _));
    }

    [Fact]
    public void IsWaiting_UntilExpiry_BlocksASecondAddOfTheName()
    {
        var pending = new PendingNodeChanges(_clock, TimeSpan.FromMinutes(5));
        pending.Add(Add(pending));

        Assert.True(pending.IsWaiting<PendingAdd>("WEB-3"));
        Assert.False(pending.IsWaiting<PendingRemove>("web-3"));
        _clock.Advance(TimeSpan.FromMinutes(5));
        Assert.False(pending.IsWaiting<PendingAdd>("web-3"));
    }
}
