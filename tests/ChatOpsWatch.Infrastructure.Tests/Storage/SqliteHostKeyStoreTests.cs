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
    public async Task PinAsync_AnnouncementCannotBeQueued_DoesNotPin()
    {
        using (var raw = _db.Raw())
        {
            raw.Execute("CREATE TRIGGER outbox_refuses BEFORE INSERT ON outbox BEGIN SELECT RAISE(ABORT, 'refused by the test'); END;");
        }

        await Assert.ThrowsAsync<StorageException>(() => _db.HostKeys.PinAsync(Key, Announcement, Some.Now, None));

        Assert.Empty(await _db.HostKeys.PinsAsync("tokyo-1", None));
    }

}
