using ChatOpsWatch.Domain.Notifications;

namespace ChatOpsWatch.Domain.Ports;

/// <summary>
/// The durable queue of messages to deliver. A message leaves it only through
/// <see cref="MarkSentAsync"/>, after a confirmed delivery. Throws <see cref="StorageException"/> on IO failure.
/// </summary>
public interface IOutbox
{
    /// <summary>Adds a message outside any poll (replies, announcements).</summary>
    Task<long> EnqueueAsync(OutboxMessage message, DateTimeOffset now, CancellationToken ct);

    /// <summary>
    /// Unsent messages due at <paramref name="now"/>: criticals first, then answers to commands
    /// (<see cref="OutboxMessage.AnswersCommand"/>), then the rest by severity; oldest first within each.
    /// </summary>
    Task<IReadOnlyList<OutboxEntry>> DueAsync(DateTimeOffset now, int max, CancellationToken ct);

    Task MarkSentAsync(long id, DateTimeOffset now, long? telegramMessageId, CancellationToken ct);

    /// <summary>Keeps the message, records the error, and hides it until <paramref name="notBefore"/>.</summary>
    Task RetryLaterAsync(long id, DateTimeOffset notBefore, string reason, CancellationToken ct);

    /// <summary>Number of unsent messages.</summary>
    Task<int> BacklogAsync(CancellationToken ct);
}

/// <summary>
/// A queued message. <see cref="Action"/> says whether delivering it sends, edits or replies; for an edit or a reply,
/// <see cref="TargetMessageId"/> is the incident's message as known when the row was read (null: none yet or gone).
/// </summary>
public sealed record OutboxEntry(long Id, OutboxMessage Message, int Attempts, DateTimeOffset CreatedAt, string? LastError)
{
    public OutboxAction Action { get; init; }

    public long? IncidentId { get; init; }

    public long? TargetMessageId { get; init; }
}
