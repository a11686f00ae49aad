namespace ChatOpsWatch.Infrastructure.Telegram;

/// <summary>
/// Handling an update needed the Bot API (getMe, to know which commands are ours) and it did not answer. Nothing of the
/// update was done yet, so it is safe to take it again: the poller keeps it and retries once the API answers, instead of
/// skipping it and losing a command typed during an outage.
/// </summary>
public sealed class BotApiUnavailableException : Exception
{
    public BotApiUnavailableException()
    {
    }

    public BotApiUnavailableException(string message)
        : base(message)
    {
    }

    public BotApiUnavailableException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
