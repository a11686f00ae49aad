namespace ChatOpsWatch.Testing.FakeBotApi;

/// <summary>An error the fake Bot API answers instead of the real result (see <see cref="FakeBotApiServer.FailNext"/>).</summary>
public abstract record FakeFailure
{
    /// <summary>HTTP 429 with <c>parameters.retry_after</c>, as Telegram's flood control sends it.</summary>
    public sealed record TooManyRequests(int RetryAfterSeconds) : FakeFailure;

    /// <summary>
    /// A 5xx. With <paramref name="HtmlBody"/> the body is an nginx error page (what Telegram's front
    /// end sends when the backend is down), else Telegram's JSON error.
    /// </summary>
    public sealed record ServerError(int Status = 502, bool HtmlBody = false) : FakeFailure;

    /// <summary>HTTP 409: another getUpdates consumer (or a webhook) holds the token.</summary>
    public sealed record Conflict : FakeFailure;

    /// <summary>HTTP 400 "can't parse entities": Telegram refused the message's markup.</summary>
    public sealed record BadRequestParse : FakeFailure;

    /// <summary>HTTP 403: the bot was kicked from the chat or blocked by the user.</summary>
    public sealed record Forbidden : FakeFailure;

    /// <summary>Closes the connection without an answer, as a front end that is restarting does.</summary>
    public sealed record Dropped : FakeFailure;

    /// <summary>Never answers: the request hangs until the client gives up or the server is disposed.</summary>
    public sealed record Hang : FakeFailure;
}
