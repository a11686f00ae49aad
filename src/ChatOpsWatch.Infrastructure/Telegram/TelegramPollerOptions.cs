namespace ChatOpsWatch.Infrastructure.Telegram;

public sealed record TelegramPollerOptions
{
    /// <summary>
    /// How long one getUpdates call waits for updates. The poller's client needs a request timeout
    /// longer than this (by <see cref="TelegramUpdatePoller.TimeoutMargin"/>), so it has a client of its own.
    /// </summary>
    public TimeSpan LongPollTimeout { get; init; } = TimeSpan.FromSeconds(25);

    /// <summary>First wait after a 409 Conflict (another consumer of this token); doubles up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan ConflictBackoff { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>First wait after any other failure; doubles up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan ErrorBackoff { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromMinutes(5);
}
