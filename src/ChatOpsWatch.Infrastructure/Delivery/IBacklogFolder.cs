namespace ChatOpsWatch.Infrastructure.Delivery;

/// <summary>
/// An outbox that can fold a chat's backlog of non-critical messages into digests, so a burst does
/// not queue for many minutes behind Telegram's flood limits. Optional, like <see cref="IInFlightJournal"/>.
/// </summary>
public interface IBacklogFolder
{
    /// <summary>
    /// For every chat with more than <paramref name="threshold"/> unsent non-critical messages (not
    /// digests, not in flight), enqueues digests holding a line per message and marks those messages
    /// sent as part of the digest, all in one transaction: a crash leaves either the messages or the
    /// digest. Criticals are never folded. Returns how many messages were folded. Throws
    /// <see cref="Domain.Ports.StorageException"/> on IO failure, leaving the outbox unchanged.
    /// </summary>
    Task<int> FoldBacklogsAsync(int threshold, DateTimeOffset now, CancellationToken ct);
}
