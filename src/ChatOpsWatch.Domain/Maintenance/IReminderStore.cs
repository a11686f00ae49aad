namespace ChatOpsWatch.Domain.Maintenance;

/// <summary>
/// Remembers which mute-expiry reminders were sent (issue 5), together with their outbox message, in one transaction:
/// after a crash or restart the reminder is either queued and remembered, or neither, so it goes exactly once.
/// </summary>
public interface IReminderStore
{
    /// <summary>
    /// Queues <paramref name="reminder"/>'s message unless the same reminder (kind, id, end) was queued before; true when
    /// it was queued now. Throws <see cref="Ports.StorageException"/> on IO failure, having queued nothing.
    /// </summary>
    Task<bool> TryQueueAsync(MuteReminder reminder, DateTimeOffset now, CancellationToken ct);
}
