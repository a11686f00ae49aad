using ChatOpsWatch.Domain.Notifications;

namespace ChatOpsWatch.Domain.Correlation;

/// <summary>
/// Where the correlator's state survives a restart. Both methods throw <see cref="Ports.StorageException"/> (path and
/// cause in the message) when the store cannot be read or written, or holds a state it cannot read; nothing is swallowed.
/// </summary>
public interface ICorrelationStore
{
    /// <summary>The last committed state; <see cref="CorrelationState.Empty"/> when none was ever committed.</summary>
    Task<CorrelationState> LoadAsync(CancellationToken ct);

    /// <summary>Writes the state and queues its messages in ONE transaction: a crash leaves both or neither.</summary>
    Task CommitAsync(CorrelationState state, IReadOnlyList<OutboxMessage> messages, DateTimeOffset now, CancellationToken ct);
}
