using ChatOpsWatch.Domain.Text;
using ChatOpsWatch.Domain.Time;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using ChatOpsWatch.Infrastructure.Chat;

namespace ChatOpsWatch.Infrastructure.Telegram;

/// <summary>
/// Receives chat updates with our own getUpdates loop (the library's receiver does not back off).
/// At start it deletes any webhook, which would make getUpdates fail, and publishes the command
/// menu (in the language of <c>texts</c>; English when null). An update is confirmed (offset moves past it)
/// once handled, or once its handler failed. After a failure it retries within seconds (<see cref="TelegramPollerOptions"/>),
/// at once when delivery asks (<see cref="CommandIntake"/>), and its first call then returns without a long poll, so
/// commands typed during an outage are answered before the warnings queued in it.
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
    private readonly CommandIntake intake;
    private readonly Backoff conflicts;
    private readonly Backoff failures;
    private readonly Backoff refusals;

    public TelegramUpdatePoller(ITelegramBotClient bot, ITelegramUpdateHandler handler, TelegramPollerOptions options, CommandIntake intake, TimeProvider time, ILogger<TelegramUpdatePoller> logger, TextCatalog texts)
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

        (this.bot, this.handler, this.options, this.intake, this.time, this.logger) = (bot, handler, options, intake, time, logger);
        this.texts = texts;
        (conflicts, failures, refusals) = (new(options.ConflictBackoff, time), new(options.ErrorBackoff, time), new(options.RefusedBackoff, time));
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

        // Not caught up yet: no update has been fetched. The first getUpdates says so.
        (_, _, _) = (conflicts.Succeed(), failures.Succeed(), refusals.Succeed());
    }

    private async Task PollAsync(CancellationToken ct)
    {
        var offset = 0;
        var longPoll = (int)options.LongPollTimeout.TotalSeconds;
        while (!ct.IsCancellationRequested)
        {
            Update[] batch;
            try
            {
                // Catching up after a failure: take what is waiting and return, so delivery need not wait a long poll.
                var timeout = intake.IsBehind ? 0 : longPoll;
                batch = await bot.GetUpdates(offset, limit: 100, timeout: timeout, allowedUpdates: Wanted, cancellationToken: ct);
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                await BackOffAsync(e, "getUpdates", ct);
                continue;
            }

            (offset, var unavailable) = await HandleBatchAsync(batch, offset, ct);
            if (unavailable is not null)
            {
                // The update is kept (offset not past it) and fetched again once the Bot API answers.
                await BackOffAsync(unavailable.InnerException ?? unavailable, "getMe", ct);
                continue;
            }

            ResetFailures();
        }
    }

    /// <summary>Handles the batch in order; returns the next offset, and the failure that stopped it when the Bot API did not answer.</summary>
    private async Task<(int Offset, BotApiUnavailableException? Unavailable)> HandleBatchAsync(Update[] batch, int offset, CancellationToken ct)
    {
        foreach (var update in batch)
        {
            try
            {
                await handler.HandleAsync(update, ct);
            }
            catch (BotApiUnavailableException e) when (!ct.IsCancellationRequested)
            {
                return (update.Id, e);
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                logger.LogError(e, "Handling Telegram update {UpdateId} failed; it is skipped", update.Id);
            }

            offset = update.Id + 1;
        }

        return (offset, null);
    }

    private async Task BackOffAsync(Exception e, string method, CancellationToken ct)
    {
        intake.FellBehind();
        TimeSpan delay;
        switch (e)
        {
            case ApiRequestException { ErrorCode: 409 }:
                delay = conflicts.Fail();
                if (conflicts.Failures == 1)
                {
                    logger.LogError(
                        "Telegram answered 409 Conflict to {Method}: another getUpdates consumer is running with this token "
                        + "(a second ChatOpsWatch instance, or a webhook). This instance receives no commands while it runs; retrying every few seconds. Telegram said: {Error}",
                        method, e.Message);
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
                delay = refusals.Fail();
                logger.LogError("Telegram refused {Method} with {Code} ({Error}): check the bot token and base URL; retrying in {Delay}", method, a.ErrorCode, a.Message, delay);
                break;
            default:
                delay = failures.Fail();
                logger.LogWarning("Telegram {Method} failed: {Error}; retrying in {Delay}", method, TelegramErrors.Describe(e), delay);
                break;
        }

        await intake.WaitToRetryAsync(delay, ct);
    }

    private void ResetFailures()
    {
        if (conflicts.Succeed() | failures.Succeed() | refusals.Succeed())
        {
            logger.LogInformation("Telegram getUpdates works again");
        }

        intake.CaughtUp();
    }
}
