namespace ChatOpsWatch.Infrastructure.Delivery;

/// <summary>
/// An outbox that remembers sends under way, so a crash between Telegram accepting a message and
/// <c>MarkSentAsync</c> leads to one marked resend instead of a silent duplicate. Optional: the
/// dispatcher uses it when its outbox implements it.
/// </summary>
public interface IInFlightJournal
{
    /// <summary>
    /// Records durably, before the request leaves, that message <paramref name="id"/> is being sent.
    /// The mark is cleared by MarkSent or RetryLater; a message still marked when it is next read is
    /// returned with <see cref="PossibleDuplicate.Marker"/> in front of its text. Throws
    /// <see cref="Domain.Ports.StorageException"/> on IO failure (the message is then not sent).
    /// </summary>
    Task MarkInFlightAsync(long id, DateTimeOffset now, CancellationToken ct);
}
