using ChatOpsWatch.Domain.Notifications;

namespace ChatOpsWatch.Domain.Ports;

/// <summary>
/// The durable queue of messages to deliver. A message leaves it only through
/// <see cref="MarkSentAsync"/>, after a confirmed delivery, or folded into a digest (<see cref="FoldBacklogsAsync"/>).
/// Every provider keeps both crash safety (<see cref="MarkInFlightAsync"/>) and digests: they are not optional, so a
/// dispatcher never loses them by running on another store (issue 16). Throws <see cref="StorageException"/> on IO failure.
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

    /// <summary>
    /// Records durably, before the request leaves, that message <paramref name="id"/> is being sent, so a crash between
    /// Telegram accepting it and <see cref="MarkSentAsync"/> costs one marked resend instead of a silent duplicate. The
    /// mark is cleared by <see cref="MarkSentAsync"/> or <see cref="RetryLaterAsync"/>; a message still marked when it is
    /// next read is returned with the possible-duplicate marker in front of its text. Throws
    /// <see cref="StorageException"/> on IO failure (the message is then not sent).
    /// </summary>
    Task MarkInFlightAsync(long id, DateTimeOffset now, CancellationToken ct);

    /// <summary>
    /// For every chat with more than <paramref name="threshold"/> unsent non-critical messages (not digests, not in
    /// flight, not an incident's), enqueues digests holding a line per message and marks those messages sent as part of
    /// the digest, all in one transaction: a crash leaves either the messages or the digest. Criticals are never folded.
    /// Returns how many messages were folded. Throws <see cref="StorageException"/> on IO failure, leaving the outbox unchanged.
    /// </summary>
    Task<int> FoldBacklogsAsync(int threshold, DateTimeOffset now, CancellationToken ct);
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
