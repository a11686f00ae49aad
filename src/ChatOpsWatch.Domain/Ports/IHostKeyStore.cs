using ChatOpsWatch.Domain.Notifications;
using ChatOpsWatch.Domain.Security;

namespace ChatOpsWatch.Domain.Ports;

/// <summary>Pinned SSH host keys. Throws <see cref="StorageException"/> on IO failure.</summary>
public interface IHostKeyStore
{
    Task<IReadOnlyList<PinnedHostKey>> PinsAsync(string node, CancellationToken ct);

    /// <summary>Pins a key and enqueues its announcement in the same transaction. Pinning an existing key is a no-op.</summary>
    Task PinAsync(PinnedHostKey pin, OutboxMessage? announcement, DateTimeOffset now, CancellationToken ct);

    /// <summary>Forgets every pin of a node (operator re-pin after an expected key change).</summary>
    Task ForgetAsync(string node, CancellationToken ct);
}
