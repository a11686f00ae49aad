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
    /// More unsent non-critical messages than this for one chat are folded into a digest (when the
    /// outbox supports it, see <see cref="IBacklogFolder"/>). Null: never fold.
    /// </summary>
    public int? DigestThreshold { get; init; } = 10;
}
