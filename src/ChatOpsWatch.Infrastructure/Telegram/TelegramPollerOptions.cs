using ChatOpsWatch.Domain.Time;

namespace ChatOpsWatch.Infrastructure.Telegram;

public sealed record TelegramPollerOptions
{
    /// <summary>
    /// How long one getUpdates call waits for updates. The poller's client needs a request timeout
    /// longer than this (by <see cref="TelegramUpdatePoller.TimeoutMargin"/>), so it has a client of its own.
    /// </summary>
    public TimeSpan LongPollTimeout { get; init; } = TimeSpan.FromSeconds(25);

    /// <summary>
    /// The wait after a 409 Conflict (another consumer of this token). Short: the other consumer is often a restart's
    /// old process or a webhook being removed, and a command typed meanwhile must be answered seconds after it is gone.
    /// </summary>
    public BackoffOptions ConflictBackoff { get; init; } = new(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5));

    /// <summary>
    /// The wait after a transient failure (5xx, network, timeout). Short too: getUpdates is itself the cheapest probe of
    /// the Bot API, and a command typed during an outage is taken in at most this long after the API answers again.
    /// </summary>
    public BackoffOptions ErrorBackoff { get; init; } = new(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5));

    /// <summary>The wait after 401/404 (a wrong token or base URL): asking again often cannot help.</summary>
    public BackoffOptions RefusedBackoff { get; init; } = new(TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5));
}
