using ChatOpsWatch.Domain.Time;

namespace ChatOpsWatch.Infrastructure.Delivery;

public sealed record OutboxDispatcherOptions
{
    /// <summary>Where messages without a chat id go (alerts). Null: they stay queued, with an error logged, until it is set.</summary>
    public long? OpsChatId { get; init; }

    /// <summary>The forum topic (message_thread_id) of the ops chat that alerts go to; null: its main thread.</summary>
    public int? OpsThreadId { get; init; }

    /// <summary>How often the outbox is read when nobody signals: catches messages committed by other processes and retries coming due.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    public int BatchSize { get; init; } = 50;

    /// <summary>
    /// More unsent non-critical messages than this for one chat are folded into a digest
    /// (<see cref="Domain.Ports.IOutbox.FoldBacklogsAsync"/>). Null: never fold.
    /// </summary>
    public int? DigestThreshold { get; init; } = 10;

    /// <summary>The pause of all delivery after transient send failures in a row (5xx, network, timeout).</summary>
    public BackoffOptions DeliveryBackoff { get; init; } = new(TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(5));

    /// <summary>
    /// While delivery pauses, the channel is asked this often whether it answers again (<c>getMe</c> for Telegram), and
    /// delivery resumes as soon as it does: an outage costs its own length plus at most this, not a grown backoff.
    /// </summary>
    public TimeSpan ProbeInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>A probe that has no answer after this counts as "still down".</summary>
    public TimeSpan ProbeTimeout { get; init; } = TimeSpan.FromSeconds(5);
}
