using System.Net;
using ChatOpsWatch.Domain.Ports;
using Telegram.Bot.Exceptions;

namespace ChatOpsWatch.Infrastructure.Telegram;

/// <summary>Turns what Telegram.Bot throws into the outbox's vocabulary, counting each failure by its code (issue 13, /metrics).</summary>
internal static class TelegramErrors
{
    /// <summary>Used when a 429 carries no retry_after, which Telegram always sends but a proxy might not.</summary>
    private static readonly TimeSpan DefaultRetryAfter = TimeSpan.FromSeconds(5);

    /// <summary>Telegram refused the HTML markup: the message can go as plain text instead.</summary>
    public static bool IsMarkupRefused(Exception e) =>
        e is ApiRequestException { ErrorCode: 400 } a && a.Message.Contains("can't parse entities", StringComparison.OrdinalIgnoreCase);

    /// <summary>An edit that would leave the message as it is: Telegram answers 400, but the message says what we want.</summary>
    public static bool IsNotModified(Exception e) =>
        e is ApiRequestException { ErrorCode: 400 } a && a.Message.Contains("message is not modified", StringComparison.OrdinalIgnoreCase);

    /// <summary>The message to edit was deleted, or is too old or otherwise not editable: a fresh message must replace it.</summary>
    public static bool IsEditTargetGone(Exception e) =>
        e is ApiRequestException { ErrorCode: 400 } a
        && (a.Message.Contains("message to edit not found", StringComparison.OrdinalIgnoreCase)
            || a.Message.Contains("message can't be edited", StringComparison.OrdinalIgnoreCase));

    public static SendOutcome Classify(Exception e)
    {
        Telemetry.SelfMetrics.TelegramErrors.WithLabels(Code(e)).Inc();
        return Outcome(e);
    }

    /// <summary>The Bot API error code, else the HTTP status, else "network" (no answer at all).</summary>
    private static string Code(Exception e) => e switch
    {
        ApiRequestException a => a.ErrorCode.ToString(System.Globalization.CultureInfo.InvariantCulture),
        RequestException { HttpStatusCode: { } code } => ((int)code).ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => "network",
    };

    private static SendOutcome Outcome(Exception e) => e switch
    {
        ApiRequestException { ErrorCode: 429 } a => new SendOutcome.RateLimited(
            a.Parameters?.RetryAfter is { } s ? TimeSpan.FromSeconds(s) : DefaultRetryAfter),
        ApiRequestException { Parameters.MigrateToChatId: { } newId } => new SendOutcome.Permanent(
            $"the group was upgraded to a supergroup: configure chat id {newId} instead"),
        ApiRequestException { ErrorCode: >= 500 } a => new SendOutcome.Transient($"Telegram {a.ErrorCode}: {a.Message}"),
        ApiRequestException { ErrorCode: 400 or 401 or 403 or 404 } a => new SendOutcome.Permanent($"Telegram {a.ErrorCode}: {a.Message}"),
        RequestException { HttpStatusCode: { } code } r when IsClientError(code) => new SendOutcome.Permanent($"HTTP {(int)code}: {Describe(r)}"),
        _ => new SendOutcome.Transient(Describe(e)),
    };

    /// <summary>The exception's message with its causes, for logs and the outbox's last error; no stack, no URL.</summary>
    public static string Describe(Exception e)
    {
        var parts = new List<string>();
        for (var x = e; x is not null && parts.Count < 4; x = x.InnerException)
        {
            parts.Add(x is RequestException { HttpStatusCode: { } code } ? $"{x.Message} (HTTP {(int)code})" : x.Message);
        }

        return string.Join(" → ", parts.Distinct());
    }

    private static bool IsClientError(HttpStatusCode code) =>
        (int)code is >= 400 and < 500 && code is not (HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests);
}
