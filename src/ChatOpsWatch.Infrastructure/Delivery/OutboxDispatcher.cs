using ChatOpsWatch.Domain.Notifications;
using ChatOpsWatch.Domain.Ports;
using ChatOpsWatch.Domain.Time;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChatOpsWatch.Infrastructure.Delivery;

/// <summary>
/// Delivers the outbox: reads due messages (criticals first, then replies to commands), paces them per chat, sends them,
/// and removes a message only after a confirmed delivery. Every failure keeps the message with a reason and a time to try
/// again; nothing is dropped. After transient failures all delivery pauses, but the channel is probed meanwhile and
/// delivery resumes as soon as it answers (<see cref="OutboxDispatcherOptions.ProbeInterval"/>). A send is recorded
/// before it starts (<see cref="IOutbox.MarkInFlightAsync"/>), so a crash mid-send costs one marked resend, and a chat's
/// backlog beyond <see cref="OutboxDispatcherOptions.DigestThreshold"/> is folded into a digest
/// (<see cref="IOutbox.FoldBacklogsAsync"/>). <see cref="SendDirectAsync"/> sends past the outbox, for when its storage fails.
/// </summary>
public sealed partial class OutboxDispatcher(
    IOutbox outbox,
    IMessageSender sender,
    OutboxSignal signal,
    OutboxDispatcherOptions options,
    TimeProvider time,
    ILogger<OutboxDispatcher> logger) : BackgroundService
{
    private readonly ChatPacer pacer = new();
    private readonly Backoff delivery = new(options.DeliveryBackoff, time);
    private readonly Backoff storage = new(new BackoffOptions(TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1)), time);

    /// <summary>
    /// One pass over the due messages. Returns how long to wait before the next pass: zero when more
    /// are due at once, else until the pacer, a probe or a backoff allows the next send, at most the poll interval.
    /// Throws <see cref="StorageException"/> when the outbox cannot be read or updated.
    /// </summary>
    public async Task<TimeSpan> DispatchDueAsync(CancellationToken ct)
    {
        if (delivery.Remaining > TimeSpan.Zero && !await ResumeIfAnsweringAsync(ct))
        {
            return HoldWait();
        }

        var now = time.GetUtcNow();
        if (options.DigestThreshold is { } threshold
            && await outbox.FoldBacklogsAsync(threshold, now, ct) is > 0 and var folded)
        {
            logger.LogWarning("Folded {Count} waiting messages into digests: more than {Threshold} were queued for one chat", folded, threshold);
        }

        var due = await outbox.DueAsync(now, options.BatchSize, ct);
        var wait = options.PollInterval;
        var sent = 0;
        foreach (var entry in due)
        {
            now = time.GetUtcNow();
            if ((entry.Message.ChatId ?? options.OpsChatId) is not { } chatId)
            {
                logger.LogError("Outbox message {Id} is for the ops chat, but no ops chat id is configured; it stays queued", entry.Id);
                await outbox.RetryLaterAsync(entry.Id, now + RetryPolicy.PermanentDelay, "no ops chat id configured", ct);
                continue;
            }

            var allowedAt = pacer.TryTake(chatId, now, entry.Message.AnswersCommand);
            if (allowedAt > now)
            {
                // Later messages to this chat are held too, so a chat's order (criticals first) is kept.
                wait = Min(wait, allowedAt - now);
                continue;
            }

            await outbox.MarkInFlightAsync(entry.Id, now, ct);

            var outcome = await DeliverAsync(chatId, entry, ct);
            if (await RecordAsync(entry, chatId, outcome, time.GetUtcNow(), ct) is { } backoff)
            {
                return backoff;
            }

            sent++;
        }

        return due.Count == options.BatchSize && sent > 0 ? TimeSpan.Zero : wait;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            TimeSpan wait;
            try
            {
                wait = await DispatchDueAsync(stoppingToken);
                storage.Succeed();
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                wait = storage.Fail();
                logger.LogError(e, "Delivering the outbox failed; retrying in {Delay}", wait);
            }

            try
            {
                if (wait > TimeSpan.Zero)
                {
                    await signal.WaitAsync(wait, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }


    /// <summary>
    /// Sends, edits or replies as the row says. An edit whose message is gone, or that has no message yet (its send was
    /// never confirmed), goes as a fresh message, which then becomes the incident's message. Ops-chat messages without
    /// a topic go to <see cref="OutboxDispatcherOptions.OpsThreadId"/>.
    /// </summary>
    private async Task<SendOutcome> DeliverAsync(long chatId, OutboxEntry entry, CancellationToken ct)
    {
        var message = WithOpsThread(entry.Message);
        switch (entry.Action)
        {
            case OutboxAction.Edit when entry.TargetMessageId is { } target:
                var edited = await sender.EditAsync(chatId, target, message, ct);
                if (edited is not SendOutcome.TargetGone gone)
                {
                    return edited;
                }

                logger.LogWarning("Message {Target} of incident {Incident} cannot be edited ({Error}); sending it anew", target, entry.IncidentId, gone.Error);
                pacer.Record(chatId, time.GetUtcNow());
                return await sender.SendAsync(chatId, message, ct);
            case OutboxAction.Reply:
                return await sender.SendAsync(chatId, message with { ReplyToMessageId = entry.TargetMessageId ?? message.ReplyToMessageId }, ct);
            default:
                return await sender.SendAsync(chatId, message, ct);
        }
    }

    private OutboxMessage WithOpsThread(OutboxMessage message) =>
        message.ChatId is null && message.ThreadId is null && options.OpsThreadId is { } thread ? message with { ThreadId = thread } : message;

    /// <summary>Stores the outcome; returns a delay when the whole pass must stop (a transient failure hits every chat alike).</summary>
    private async Task<TimeSpan?> RecordAsync(OutboxEntry entry, long chatId, SendOutcome outcome, DateTimeOffset now, CancellationToken ct)
    {
        switch (outcome)
        {
            case SendOutcome.Sent s:
                Delivered();
                await outbox.MarkSentAsync(entry.Id, now, s.MessageId, ct);
                return null;
            case SendOutcome.RateLimited r:
                pacer.Pause(chatId, now + r.RetryAfter);
                logger.LogWarning("Telegram rate-limited chat {ChatId}: holding its messages for {RetryAfter}", chatId, r.RetryAfter);
                await outbox.RetryLaterAsync(entry.Id, now + r.RetryAfter, $"rate limited: retry after {r.RetryAfter.TotalSeconds:0} s", ct);
                return null;
            case SendOutcome.Permanent or SendOutcome.TargetGone:
                var reason = (outcome as SendOutcome.Permanent)?.Error ?? ((SendOutcome.TargetGone)outcome).Error;
                logger.LogError("Message {Id} to chat {ChatId} cannot be delivered: {Error}. It is kept and retried in {Delay}", entry.Id, chatId, reason, RetryPolicy.PermanentDelay);
                await outbox.RetryLaterAsync(entry.Id, now + RetryPolicy.PermanentDelay, reason, ct);
                return null;
            default:
                var error = (outcome as SendOutcome.Transient)?.Error ?? outcome.ToString();
                var hold = TransientFailure();
                logger.LogWarning("Sending message {Id} to chat {ChatId} failed ({Error}); pausing delivery for {Hold}, probing every {Probe}", entry.Id, chatId, error, hold, options.ProbeInterval);

                // The message stays due: the pause holds it, and it goes first when a probe ends the pause. A later time
                // of its own would let the messages queued after it overtake it, breaking a node's order.
                await outbox.RetryLaterAsync(entry.Id, now, error, ct);
                return HoldWait();
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
