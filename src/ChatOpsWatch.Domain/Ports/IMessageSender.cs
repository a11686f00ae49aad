using ChatOpsWatch.Domain.Notifications;

namespace ChatOpsWatch.Domain.Ports;

/// <summary>
/// Delivers one message to one chat. Never throws for delivery problems (network, Telegram errors):
/// it reports them as a <see cref="SendOutcome"/> so the outbox can decide. Throws only on cancellation.
/// </summary>
public interface IMessageSender
{
    Task<SendOutcome> SendAsync(long chatId, OutboxMessage message, CancellationToken ct);
}

public abstract record SendOutcome
{
    /// <summary>Confirmed delivered; MessageId when the channel has one.</summary>
    public sealed record Sent(long? MessageId) : SendOutcome;

    /// <summary>Rate limited: try again after the given delay (Telegram's retry_after).</summary>
    public sealed record RateLimited(TimeSpan RetryAfter) : SendOutcome;

    /// <summary>A transient failure (5xx, network, timeout): back off and retry.</summary>
    public sealed record Transient(string Error) : SendOutcome;

    /// <summary>Will never succeed as is (chat not found, bot kicked): keep it, report it, retry rarely.</summary>
    public sealed record Permanent(string Error) : SendOutcome;
}
