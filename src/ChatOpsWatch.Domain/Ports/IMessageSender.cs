using ChatOpsWatch.Domain.Notifications;

namespace ChatOpsWatch.Domain.Ports;

/// <summary>
/// Delivers one message to one chat. Never throws for delivery problems (network, Telegram errors):
/// it reports them as a <see cref="SendOutcome"/> so the outbox can decide. Throws only on cancellation.
/// </summary>
public interface IMessageSender
{
    Task<SendOutcome> SendAsync(long chatId, OutboxMessage message, CancellationToken ct);

    /// <summary>
    /// Replaces the text (and buttons) of message <paramref name="messageId"/>. An unchanged text is
    /// <see cref="SendOutcome.Sent"/>; a message that no longer exists or cannot be edited is
    /// <see cref="SendOutcome.TargetGone"/>. A channel without edits sends the message anew (the default).
    /// </summary>
    Task<SendOutcome> EditAsync(long chatId, long messageId, OutboxMessage message, CancellationToken ct) => SendAsync(chatId, message, ct);

    /// <summary>
    /// Asks the channel cheaply whether it answers again, while the outbox backs off after transient failures. True
    /// resumes delivery at once. Never throws for delivery problems (false); throws on cancellation, which the caller
    /// uses to bound the probe. A channel that cannot tell answers true (the default).
    /// </summary>
    Task<bool> ProbeAsync(CancellationToken ct) => Task.FromResult(true);
}

public abstract record SendOutcome
{
    /// <summary>Confirmed delivered; MessageId when the channel has one.</summary>
    public sealed record Sent(long? MessageId) : SendOutcome;

    /// <summary>Rate limited: try again after the given delay (Telegram's retry_after).</summary>
    public sealed record RateLimited(TimeSpan RetryAfter) : SendOutcome;

    /// <summary>A transient failure (5xx, network, timeout): back off and retry.</summary>
    public sealed record Transient(string Error) : SendOutcome;

    /// <summary>The message to edit is gone (deleted) or can no longer be edited: send a fresh one instead.</summary>
    public sealed record TargetGone(string Error) : SendOutcome;

    /// <summary>Will never succeed as is (chat not found, bot kicked): keep it, report it, retry rarely.</summary>
    public sealed record Permanent(string Error) : SendOutcome;
}
