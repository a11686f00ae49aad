using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Domain.Notifications;
using ChatOpsWatch.Domain.Ports;
using ChatOpsWatch.Domain.Security;
using Dapper;

namespace ChatOpsWatch.Infrastructure.Tests.Storage;

public sealed class SqliteHostKeyStoreTests : IDisposable
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly PinnedHostKey Key = new("tokyo-1", "ssh-ed25519", "SHA256:q8Ck3l0mT2vX1rYzR0m7w1dZyqTqgH9pV4b2Jt8cQ5E", "first-use");
    private static readonly OutboxMessage Announcement = new(MessageKind.Security, Severity.Warning, "Pinned <code>ssh-ed25519</code> for tokyo-1");
    private readonly TestDb _db = new();

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task PinAsync_SameKeyTwice_PinsOnceAndAnnouncesOnce()
    {
        var store = _db.HostKeys;

        await store.PinAsync(Key, Announcement, Some.Now, None);
        await store.PinAsync(Key with { Source = "operator" }, Announcement, Some.Now.AddMinutes(5), None);

        Assert.Equal([Key], await store.PinsAsync("tokyo-1", None));
        var announced = Assert.Single(await _db.Outbox.DueAsync(Some.Now.AddHours(1), 10, None));
        Assert.Equal(Announcement, announced.Message);
    }

    [Fact]
    public async Task PinAsync_AnnouncementCannotBeQueued_DoesNotPin()
    {
        using (var raw = _db.Raw())
        {
            raw.Execute("CREATE TRIGGER outbox_refuses BEFORE INSERT ON outbox BEGIN SELECT RAISE(ABORT, 'refused by the test'); END;");
        }

        await Assert.ThrowsAsync<StorageException>(() => _db.HostKeys.PinAsync(Key, Announcement, Some.Now, None));

        Assert.Empty(await _db.HostKeys.PinsAsync("tokyo-1", None));
    }

    [Fact]
    public async Task PinsAsync_SeveralKeys_ReturnsOnlyThatNodesKeysInPinOrder()
    {
        var store = _db.HostKeys;
        var rsa = Key with { Algorithm = "rsa-sha2-512", Fingerprint = "SHA256:other" };
        await store.PinAsync(Key, null, Some.Now, None);
        await store.PinAsync(Key with { Node = "osaka-1" }, null, Some.Now, None);
        await store.PinAsync(rsa, null, Some.Now.AddSeconds(1), None);

        Assert.Equal([Key, rsa], await store.PinsAsync("tokyo-1", None));
        Assert.Equal(0, await _db.Outbox.BacklogAsync(None));
    }

    [Fact]
    public async Task ForgetAsync_Node_RemovesOnlyItsPinsSoTheNextKeyCanBePinned()
    {
        var store = _db.HostKeys;
        await store.PinAsync(Key, null, Some.Now, None);
        await store.PinAsync(Key with { Node = "osaka-1" }, null, Some.Now, None);

        await store.ForgetAsync("tokyo-1", None);
        var replacement = Key with { Fingerprint = "SHA256:new", Source = "operator" };
        await store.PinAsync(replacement, Announcement, Some.Now.AddDays(1), None);

        Assert.Equal([replacement], await store.PinsAsync("tokyo-1", None));
        Assert.Single(await store.PinsAsync("osaka-1", None));
        Assert.Equal(1, await _db.Outbox.BacklogAsync(None));
    }
}
