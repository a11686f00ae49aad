using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Telegram.Bot;
using Telegram.Bot.Types;

namespace ChatOpsWatch.Infrastructure.Telegram.Webhook;

public sealed partial class TelegramWebhookServer
{
    private async Task AnswerAsync(HttpListenerContext context, CancellationToken ct)
    {
        var status = HttpStatusCode.InternalServerError;
        try
        {
            status = await DecideAsync(context.Request, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            LogUnexpected(e);
        }
        finally
        {
            try
            {
                context.Response.StatusCode = (int)status;
                context.Response.ContentLength64 = 0;
                context.Response.Close();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                // The caller went away; Telegram delivers again whatever it did not see answered.
            }
        }
    }

    /// <summary>The status for one request. The secret is checked before a byte of the body is read.</summary>
    private async Task<HttpStatusCode> DecideAsync(HttpListenerRequest request, CancellationToken ct)
    {
        if (!secret.Matches(request.Headers[WebhookSecret.Header]))
        {
            LogBadSecret(request.RemoteEndPoint?.ToString() ?? "?", request.Headers[WebhookSecret.Header] is null ? "missing" : "wrong");
            return HttpStatusCode.Unauthorized;
        }

        if (request.HttpMethod != "POST")
        {
            return HttpStatusCode.MethodNotAllowed;
        }

        if (request.ContentLength64 > options.MaxBodyBytes)
        {
            LogTooLarge(request.ContentLength64);
            return HttpStatusCode.RequestEntityTooLarge;
        }

        var body = await ReadBodyAsync(request.InputStream, ct);
        if (body is null)
        {
            LogTooLarge(request.ContentLength64);
            return HttpStatusCode.RequestEntityTooLarge;
        }

        Update? update;
        try
        {
            update = JsonSerializer.Deserialize<Update>(body, JsonBotAPI.Options);
        }
        catch (JsonException e)
        {
            LogNotAnUpdate(e.Message);
            return HttpStatusCode.BadRequest;
        }

        if (update is null || update.Id <= 0)
        {
            LogNotAnUpdate("no update_id");
            return HttpStatusCode.BadRequest;
        }

        return await HandleOnceAsync(update, ct);
    }

    private async Task<HttpStatusCode> HandleOnceAsync(Update update, CancellationToken ct)
    {
        await oneAtATime.WaitAsync(ct);
        try
        {
            if (recent.WasHandled(update.Id))
            {
                LogDuplicate(update.Id);
                return HttpStatusCode.OK;
            }

            try
            {
                await handler.HandleAsync(update, ct);
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                var attempts = recent.Failed(update.Id);
                if (attempts < options.MaxAttempts)
                {
                    LogHandlerFailed(e, update.Id, attempts);
                    return HttpStatusCode.InternalServerError;
                }

                LogSkipped(e, update.Id, attempts);
            }

            recent.Handled(update.Id);
            return HttpStatusCode.OK;
        }
        finally
        {
            oneAtATime.Release();
        }
    }

    /// <summary>The body, or null when it is larger than allowed (a chunked body has no Content-Length to check first).</summary>
    private async Task<byte[]?> ReadBodyAsync(Stream input, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await input.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > options.MaxBodyBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    [LoggerMessage(LogLevel.Information, "Listening for Telegram webhook updates on {Prefix}")]
    private partial void LogListening(string prefix);

    [LoggerMessage(LogLevel.Information, "Telegram webhook set to {Url}; updates come by webhook, not getUpdates")]
    private partial void LogRegistered(Uri url);

    [LoggerMessage(LogLevel.Warning, "Could not set the Telegram webhook to {Url}: {Error}; retrying in {Delay}")]
    private partial void LogRegisterFailed(Uri url, string error, TimeSpan delay);

    [LoggerMessage(LogLevel.Warning, "Refused a webhook request from {Remote}: {What} secret token header; nothing was read")]
    private partial void LogBadSecret(string remote, string what);

    [LoggerMessage(LogLevel.Warning, "Refused a webhook request of {Bytes} bytes: larger than an update can be")]
    private partial void LogTooLarge(long bytes);

    [LoggerMessage(LogLevel.Error, "A webhook request with the right secret is not a Telegram update: {Reason}")]
    private partial void LogNotAnUpdate(string reason);

    [LoggerMessage(LogLevel.Debug, "Telegram update {UpdateId} arrived again; it was handled already")]
    private partial void LogDuplicate(long updateId);

    [LoggerMessage(LogLevel.Error, "Handling Telegram update {UpdateId} failed (attempt {Attempt}); answered 500 so that Telegram delivers it again")]
    private partial void LogHandlerFailed(Exception e, long updateId, int attempt);

    [LoggerMessage(LogLevel.Error, "Handling Telegram update {UpdateId} failed {Attempts} times; it is skipped")]
    private partial void LogSkipped(Exception e, long updateId, int attempts);

    [LoggerMessage(LogLevel.Error, "Unexpected failure answering a webhook request")]
    private partial void LogUnexpected(Exception e);
}
