using ChatOpsWatch.Domain.Notifications;
using ChatOpsWatch.Domain.Ports;

namespace ChatOpsWatch.Infrastructure.Delivery;

/// <summary>Enqueues a message and wakes the dispatcher. Throws <see cref="StorageException"/> like the outbox.</summary>
public sealed class OutboxWriter(IOutbox outbox, IOutboxSignal signal, TimeProvider time)
{
    public async Task<long> EnqueueAsync(OutboxMessage message, CancellationToken ct)
    {
        var id = await outbox.EnqueueAsync(message, time.GetUtcNow(), ct);
        signal.Notify();
        return id;
    }
}
