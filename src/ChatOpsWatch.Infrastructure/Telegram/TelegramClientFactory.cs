using Telegram.Bot;

namespace ChatOpsWatch.Infrastructure.Telegram;

/// <summary>
/// Builds Telegram.Bot clients for our own loops: the library's blocking 429 retry is off
/// (RetryThreshold 0) because the outbox schedules retries itself.
/// </summary>
public static class TelegramClientFactory
{
    public const string DefaultBaseUrl = "https://api.telegram.org";

    /// <summary>
    /// A client whose every request gives up after <paramref name="requestTimeout"/>. Long polling
    /// needs a longer timeout than sending, so the poller gets a client of its own
    /// (see <see cref="TelegramPollerOptions.LongPollTimeout"/>). <paramref name="baseUrl"/> null
    /// means Telegram's; a test passes its fake server's. Throws ArgumentException for a malformed token
    /// (the message never contains the token).
    /// </summary>
    public static TelegramBotClient Create(string token, string? baseUrl, TimeSpan requestTimeout, HttpClient? httpClient = null)
    {
        if (string.IsNullOrWhiteSpace(token) || token.IndexOf(':', StringComparison.Ordinal) <= 0)
        {
            throw new ArgumentException("The Telegram bot token is malformed: expected '<bot id>:<secret>' as BotFather gives it.", nameof(token));
        }

        if (requestTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(requestTimeout), requestTimeout, "The request timeout must be positive.");
        }

        var url = string.IsNullOrWhiteSpace(baseUrl) ? DefaultBaseUrl : baseUrl.TrimEnd('/');
        var options = new TelegramBotClientOptions(token, url) { RetryThreshold = 0 };
#pragma warning disable CA2000 // The client owns the HttpClient for the life of the process.
        var http = httpClient ?? new HttpClient();
#pragma warning restore CA2000
        http.Timeout = requestTimeout;
        return new TelegramBotClient(options, http);
    }
}
