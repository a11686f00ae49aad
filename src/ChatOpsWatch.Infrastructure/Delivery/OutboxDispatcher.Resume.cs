using ChatOpsWatch.Domain.Notifications;
using ChatOpsWatch.Domain.Ports;
using Microsoft.Extensions.Logging;

namespace ChatOpsWatch.Infrastructure.Delivery;

/// <summary>Pausing after transient failures, probing the channel to end the pause early, and direct sends.</summary>
public sealed partial class OutboxDispatcher
{
    private DateTimeOffset nextProbeAt = DateTimeOffset.MinValue;

    // A probe can answer while sends still fail (getMe works, sendMessage does not). After one such false dawn the
    // probe is not trusted again until a send succeeds, so a broken send path backs off normally instead of looping.
    private bool probeTrusted = true;
    private bool resumedByProbe;

    /// <summary>
    /// Sends <paramref name="message"/> now, past the outbox: for notices that must go out when the outbox's own storage
    /// fails. It is paced with the queued messages (as a priority message, so the reserve is open to it); nothing is
    /// stored or retried here. A message that must wait for the pacer comes back as <see cref="SendOutcome.RateLimited"/>.
    /// </summary>
    public async Task<SendOutcome> SendDirectAsync(OutboxMessage message, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(message);
        if ((message.ChatId ?? options.OpsChatId) is not { } chatId)
        {
            return new SendOutcome.Permanent("no ops chat id configured");
        }

        var now = time.GetUtcNow();
        var allowedAt = pacer.TryTake(chatId, now, priority: true);
        if (allowedAt > now)
        {
            return new SendOutcome.RateLimited(allowedAt - now);
        }

        var outcome = await sender.SendAsync(chatId, WithOpsThread(message), ct);
        if (outcome is SendOutcome.RateLimited r)
        {
            pacer.Pause(chatId, time.GetUtcNow() + r.RetryAfter);
        }

        return outcome;
    }

    private TimeSpan TransientFailure()
    {
        if (resumedByProbe)
        {
            probeTrusted = false;
            logger.LogWarning("The channel answered its probe but sending still fails; backing off without probing until a send succeeds");
        }

        resumedByProbe = false;
        var hold = delivery.Fail();
        nextProbeAt = time.GetUtcNow() + options.ProbeInterval;
        return hold;
    }

    private void Delivered()
    {
        if (delivery.Succeed())
        {
            logger.LogInformation("Delivery works again");
        }

        probeTrusted = true;
        resumedByProbe = false;
    }

    /// <summary>Until the pause ends or the next probe is due, whichever is first.</summary>
    private TimeSpan HoldWait()
    {
        var remaining = delivery.Remaining;
        var untilProbe = nextProbeAt - time.GetUtcNow();
        return probeTrusted && untilProbe < remaining ? (untilProbe > TimeSpan.Zero ? untilProbe : TimeSpan.Zero) : remaining;
    }

    /// <summary>While paused: probes when one is due, and ends the pause if the channel answers. True: deliver now.</summary>
    private async Task<bool> ResumeIfAnsweringAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (!probeTrusted || now < nextProbeAt)
        {
            return false;
        }

        nextProbeAt = now + options.ProbeInterval;
        using var bound = new CancellationTokenSource(options.ProbeTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, bound.Token);
        bool answers;
        try
        {
            answers = await sender.ProbeAsync(linked.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            answers = false;
        }

        if (!answers)
        {
            logger.LogDebug("The channel still does not answer; delivery stays paused for {Remaining}", delivery.Remaining);
            return false;
        }

        logger.LogInformation("The channel answers again after {Failures} failed send(s); resuming delivery now instead of in {Remaining}", delivery.Failures, delivery.Remaining);
        delivery.ResumeNow();
        resumedByProbe = true;
        return true;
    }
}
