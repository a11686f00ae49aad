namespace ChatOpsWatch.Infrastructure.Delivery;

/// <summary>Fixed retry delays. Growing delays after failures in a row are <see cref="Domain.Time.Backoff"/>.</summary>
public static class RetryPolicy
{
    /// <summary>
    /// After a permanent failure (bot kicked, chat not found) the message is kept and retried this
    /// rarely, so that fixing the configuration or re-adding the bot delivers it.
    /// </summary>
    public static readonly TimeSpan PermanentDelay = TimeSpan.FromHours(1);
}
