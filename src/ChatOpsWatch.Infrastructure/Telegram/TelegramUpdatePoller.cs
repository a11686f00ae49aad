using ChatOpsWatch.Domain.Text;
using ChatOpsWatch.Infrastructure.Delivery;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace ChatOpsWatch.Infrastructure.Telegram;

/// <summary>
/// Receives chat updates with our own getUpdates loop (the library's receiver does not back off).
/// At start it deletes any webhook, which would make getUpdates fail, and publishes the command
/// menu (in the language of <c>texts</c>; English when null). An update is confirmed (offset moves past it)
/// once handled, or once its handler failed.
/// </summary>
public sealed class TelegramUpdatePoller : BackgroundService
{
    /// <summary>The poller's client must wait this much longer than the long poll itself.</summary>
    public static readonly TimeSpan TimeoutMargin = TimeSpan.FromSeconds(5);

    /// <summary>The update types the bot asks for, from getUpdates and from a webhook alike.</summary>
    public static readonly UpdateType[] Wanted = [UpdateType.Message, UpdateType.MyChatMember, UpdateType.CallbackQuery];

    private readonly ITelegramBotClient bot;
    private readonly ITelegramUpdateHandler handler;
    private readonly TelegramPollerOptions options;
    private readonly TimeProvider time;
    private readonly ILogger<TelegramUpdatePoller> logger;
    private readonly TextCatalog texts;
    private int conflicts;
    private int failures;

    public TelegramUpdatePoller(ITelegramBotClient bot, ITelegramUpdateHandler handler, TelegramPollerOptions options, TimeProvider time, ILogger<TelegramUpdatePoller> logger, TextCatalog? texts = null)
    {
        ArgumentNullException.ThrowIfNull(bot);
        ArgumentNullException.ThrowIfNull(options);
        if (bot.Timeout < options.LongPollTimeout + TimeoutMargin)
        {
            throw new ArgumentException(
                $"The poller's Telegram client times out after {bot.Timeout.TotalSeconds:0} s, but a long poll lasts {options.LongPollTimeout.TotalSeconds:0} s: "
                + $"give it a client with a request timeout of at least {(options.LongPollTimeout + TimeoutMargin).TotalSeconds:0} s.",
                nameof(bot));
        }

        (this.bot, this.handler, this.options, this.time, this.logger) = (bot, handler, options, time, logger);
        this.texts = texts ?? TextCatalog.English;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await PrepareAsync(stoppingToken);
            await PollAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task PrepareAsync(CancellationToken ct)
    {
        while (true)
        {
            try
            {
                await bot.DeleteWebhook(dropPendingUpdates: false, cancellationToken: ct);
                break;
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                await BackOffAsync(e, "deleteWebhook", ct);
            }
        }

        await BotMenu.PublishAsync(bot, texts, logger, ct);

        ResetFailures();
    }

    private async Task PollAsync(CancellationToken ct)
    {
        var offset = 0;
        var timeout = (int)options.LongPollTimeout.TotalSeconds;
        while (!ct.IsCancellationRequested)
        {
            Update[] batch;
            try
            {
                batch = await bot.GetUpdates(offset, limit: 100, timeout: timeout, allowedUpdates: Wanted, cancellationToken: ct);
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                await BackOffAsync(e, "getUpdates", ct);
                continue;
            }

            ResetFailures();
            foreach (var update in batch)
            {
                offset = update.Id + 1;
                try
                {
                    await handler.HandleAsync(update, ct);
                }
                catch (Exception e) when (!ct.IsCancellationRequested)
                {
                    logger.LogError(e, "Handling Telegram update {UpdateId} failed; it is skipped", update.Id);
                }
            }
        }
    }

    private async Task BackOffAsync(Exception e, string method, CancellationToken ct)
    {
        TimeSpan delay;
        switch (e)
        {
            case ApiRequestException { ErrorCode: 409 }:
                delay = RetryPolicy.Exponential(++conflicts, options.ConflictBackoff, options.MaxBackoff);
                if (conflicts == 1)
                {
                    logger.LogError(
                        "Telegram answered 409 Conflict to {Method}: another getUpdates consumer is running with this token "
                        + "(a second ChatOpsWatch instance, or a webhook). This instance receives no commands until it stops; retrying in {Delay}. Telegram said: {Error}",
                        method, delay, e.Message);
                }
                else
                {
                    logger.LogDebug("Still 409 Conflict on {Method}; retrying in {Delay}", method, delay);
                }

                break;
            case ApiRequestException { ErrorCode: 429 } r:
                delay = TimeSpan.FromSeconds(Math.Max(1, r.Parameters?.RetryAfter ?? 5));
                logger.LogWarning("Telegram rate-limited {Method}; retrying in {Delay}", method, delay);
                break;
            case ApiRequestException { ErrorCode: 401 or 404 } a:
                delay = RetryPolicy.Exponential(++failures, TimeSpan.FromMinutes(1), options.MaxBackoff);
                logger.LogError("Telegram refused {Method} with {Code} ({Error}): check the bot token and base URL; retrying in {Delay}", method, a.ErrorCode, a.Message, delay);
                break;
            default:
                delay = RetryPolicy.Exponential(++failures, options.ErrorBackoff, options.MaxBackoff);
                logger.LogWarning("Telegram {Method} failed: {Error}; retrying in {Delay}", method, TelegramErrors.Describe(e), delay);
                break;
        }

        await Task.Delay(delay, time, ct);
    }

    private void ResetFailures()
    {
        if (conflicts > 0 || failures > 0)
        {
            logger.LogInformation("Telegram getUpdates works again");
        }

        conflicts = 0;
        failures = 0;
    }
}
