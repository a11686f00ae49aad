using System.Net;
using ChatOpsWatch.Domain.Text;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Telegram.Bot;

namespace ChatOpsWatch.Infrastructure.Telegram.Webhook;

/// <summary>
/// Receives chat updates by webhook instead of getUpdates. At start it listens on the local prefix, then
/// calls setWebhook (public URL, secret token, the same update types as the poller) until Telegram accepts
/// it, and publishes the command menu. Each POST is checked for the secret header before its body is read
/// (wrong or missing: 401, nothing read, logged). An update goes to the same <see cref="ITelegramUpdateHandler"/>
/// as with polling, one at a time, and is acted on once however often it arrives (<see cref="RecentUpdates"/>).
/// Answers: 200 handled (or a duplicate); 500 the handler failed, so Telegram delivers it again (after
/// <see cref="TelegramWebhookOptions.MaxAttempts"/> failures it is accepted and logged as skipped);
/// 400 not an update; 405 not a POST; 413 too large.
/// </summary>
public sealed partial class TelegramWebhookServer : BackgroundService
{
    private readonly ITelegramBotClient bot;
    private readonly ITelegramUpdateHandler handler;
    private readonly TelegramWebhookOptions options;
    private readonly TimeProvider time;
    private readonly ILogger<TelegramWebhookServer> logger;
    private readonly TextCatalog texts;
    private readonly WebhookSecret secret;
    private readonly RecentUpdates recent = new();
    private readonly SemaphoreSlim oneAtATime = new(1, 1);
    private readonly HttpListener listener = new();

    public TelegramWebhookServer(
        ITelegramBotClient bot,
        ITelegramUpdateHandler handler,
        TelegramWebhookOptions options,
        TimeProvider time,
        ILogger<TelegramWebhookServer> logger,
        TextCatalog texts)
    {
        ArgumentNullException.ThrowIfNull(options);
        (this.bot, this.handler, this.options, this.time, this.logger) = (bot, handler, options, time, logger);
        this.texts = texts;
        secret = new WebhookSecret(options.SecretToken);
        listener.Prefixes.Add(ListenerPrefix(options.ListenPrefix));
    }

    /// <summary>
    /// The HttpListener form of a configured prefix: a wildcard host (0.0.0.0, [::], *) becomes '+', which
    /// listens on every address and accepts any Host header (a reverse proxy may send the public name).
    /// </summary>
    public static string ListenerPrefix(string configured)
    {
        ArgumentNullException.ThrowIfNull(configured);
        var uri = new Uri(configured.EndsWith('/') ? configured : configured + "/");
        var host = uri.Host is "0.0.0.0" or "[::]" or "::" or "*" or "+" ? "+" : uri.Host;
        return $"{uri.Scheme}://{host}:{uri.Port}{uri.AbsolutePath}";
    }

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        // Listen before telling Telegram where to post, so that the first update finds us.
        try
        {
            listener.Start();
        }
        catch (HttpListenerException e)
        {
            throw new InvalidOperationException(
                $"Cannot listen for Telegram webhooks on {options.ListenPrefix} (Telegram:Webhook:Listen): {e.Message}. Is another process using the port?", e);
        }

        LogListening(options.ListenPrefix);
        await base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        listener.Stop();
        await base.StopAsync(cancellationToken);
    }

    public override void Dispose()
    {
        listener.Close();
        oneAtATime.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var serving = ServeAsync(stoppingToken);
        try
        {
            await RegisterAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        await serving;
    }

    private async Task RegisterAsync(CancellationToken ct)
    {
        var backoff = new Domain.Time.Backoff(new(TimeSpan.FromSeconds(2), TimeSpan.FromMinutes(5)), time);
        while (true)
        {
            try
            {
                await bot.SetWebhook(
                    options.PublicUrl.ToString(),
                    allowedUpdates: TelegramUpdatePoller.Wanted,
                    dropPendingUpdates: false,
                    secretToken: options.SecretToken,
                    cancellationToken: ct);
                LogRegistered(options.PublicUrl);
                break;
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                var delay = backoff.Fail();
                LogRegisterFailed(options.PublicUrl, TelegramErrors.Describe(e), delay);
                await Task.Delay(delay, time, ct);
            }
        }

        await BotMenu.PublishAsync(bot, texts, logger, ct);
    }

    private async Task ServeAsync(CancellationToken ct)
    {
        using var stop = ct.Register(listener.Stop);
        while (!ct.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                // The wait ends with the stopping token itself: on Linux a pending GetContextAsync is not reliably
                // failed by HttpListener.Stop, and a stop must never wait for a request that will not come.
                context = await listener.GetContextAsync().WaitAsync(ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                if (ct.IsCancellationRequested || !listener.IsListening)
                {
                    return;
                }

                continue;
            }

            _ = Task.Run(() => AnswerAsync(context, ct), CancellationToken.None);
        }
    }
}
