using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Domain.Notifications;
using ChatOpsWatch.Domain.Ports;
using ChatOpsWatch.Infrastructure.Delivery;
using ChatOpsWatch.Infrastructure.Tests.Telegram;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace ChatOpsWatch.Infrastructure.Tests.Delivery;

public sealed class OutboxDispatcherTests : IDisposable
{
    private const long Ops = -100200300;
    private const long Alice = 42;
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly InMemoryOutbox outbox = new();
    private readonly ScriptedSender sender;
    private readonly CollectingLogger<OutboxDispatcher> log = new();
    private readonly OutboxDispatcher dispatcher;

    public OutboxDispatcherTests()
    {
        sender = new ScriptedSender(time);
        dispatcher = Dispatcher(new OutboxDispatcherOptions { OpsChatId = Ops });
    }

    public void Dispose() => dispatcher.Dispose();

    [Fact]
    public async Task DispatchDue_Delivered_MarksSentWithTelegramsMessageId()
    {
        var id = await EnqueueAsync("disk 91 %");

        await dispatcher.DispatchDueAsync(default);

        var attempt = Assert.Single(sender.Attempts);
        Assert.Equal(Ops, attempt.ChatId);
        Assert.Equal(((SendOutcome.Sent)attempt.Outcome).MessageId, outbox[id].TelegramMessageId);
        Assert.Equal(time.GetUtcNow(), outbox[id].SentAt);
    }

    [Fact]
    public async Task DispatchDue_AnOutboxThatIsNotSqlite_StillMarksEachSendInFlightAndAsksToFold()
    {
        // Issue 16: crash safety and digests were taken only from an outbox that also implemented two optional
        // interfaces; any other outbox silently lost both. They are IOutbox members now.
        var id = await EnqueueAsync("disk 91 %");
        using var folding = Dispatcher(new OutboxDispatcherOptions { OpsChatId = Ops, DigestThreshold = 10 });

        await folding.DispatchDueAsync(default);

        Assert.Equal([id], outbox.MarkedInFlight);
        Assert.Equal(1, outbox.FoldCalls);
        Assert.Null(outbox[id].InFlightSince); // the confirmed send cleared the mark
        Assert.NotNull(outbox[id].SentAt);
    }

    [Fact]
    public async Task StopAsync_MessagesQueuedAtSigterm_AreSentBeforeTheStopReturns()
    {
        var id = await EnqueueAsync("node down");

        await dispatcher.StopAsync(default);

        Assert.Equal(time.GetUtcNow(), outbox[id].SentAt);
    }

    [Fact]
    public async Task DispatchDue_TransientFailureWhileTheChannelIsDown_KeepsTheMessageAndBacksOffExponentially()
    {
        using var exact = Dispatcher(Exact);
        var id = await EnqueueAsync("disk 91 %");
        sender.Then(new SendOutcome.Transient("502 Bad Gateway"), new SendOutcome.Transient("502 Bad Gateway"));
        sender.Answers = false;

        var sends = new List<DateTimeOffset>();
        var end = time.GetUtcNow() + TimeSpan.FromSeconds(20);
        while (time.GetUtcNow() < end && outbox[id].SentAt is null)
        {
            var before = sender.Attempts.Count;
            var wait = await exact.DispatchDueAsync(default);
            if (sender.Attempts.Count > before)
            {
                sends.Add(time.GetUtcNow());
            }

            time.Advance(wait > TimeSpan.Zero ? wait : TimeSpan.FromMilliseconds(1));
        }

        Assert.NotNull(outbox[id].SentAt);
        Assert.Equal("502 Bad Gateway", outbox[id].LastError);
        Assert.Equal([5, 10], sends.Zip(sends.Skip(1)).Select(p => (p.Second - p.First).TotalSeconds));
        Assert.Equal([2, 4, 7, 9, 11, 13], sender.Probes.Select(p => (p - sends[0]).TotalSeconds)); // every 2 s, restarted by each failure
    }

    [Fact]
    public async Task DispatchDue_TwoMinuteOutage_FirstAlertGoesWithinTheProbeIntervalOfTheChannelAnswering()
    {
        using var exact = Dispatcher(Exact);
        var alert = await EnqueueAsync("disk 91 %");
        var start = time.GetUtcNow();
        sender.Outage = new SendOutcome.Transient("502 Bad Gateway");
        while (time.GetUtcNow() < start + TimeSpan.FromMinutes(2))
        {
            var wait = await exact.DispatchDueAsync(default);
            time.Advance(wait > TimeSpan.Zero ? wait : TimeSpan.FromMilliseconds(1));
        }

        var back = time.GetUtcNow();
        sender.Outage = null;
        while (outbox[alert].SentAt is null && time.GetUtcNow() < back + TimeSpan.FromMinutes(5))
        {
            var wait = await exact.DispatchDueAsync(default);
            time.Advance(wait > TimeSpan.Zero ? wait : TimeSpan.FromMilliseconds(1));
        }

        // Main waited out its grown backoff (5, 10, 20, 40, 80 s ...); now a probe every 2 s ends the pause.
        Assert.True(outbox[alert].SentAt - back <= TimeSpan.FromSeconds(2), $"sent {outbox[alert].SentAt - back} after the channel answered");
        Assert.Contains(log.At(LogLevel.Information), l => l.Contains("answers again", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DispatchDue_ProbeAnswersButSendsStillFail_StopsTrustingTheProbeAndBacksOffUntilASendWorks()
    {
        using var exact = Dispatcher(Exact);
        var id = await EnqueueAsync("disk 91 %");
        sender.Then(Enumerable.Repeat<SendOutcome>(new SendOutcome.Transient("502 Bad Gateway"), 4).ToArray());

        var start = time.GetUtcNow();
        while (outbox[id].SentAt is null && time.GetUtcNow() < start + TimeSpan.FromMinutes(5))
        {
            var wait = await exact.DispatchDueAsync(default);
            time.Advance(wait > TimeSpan.Zero ? wait : TimeSpan.FromMilliseconds(1));
        }

        // 0 s fails; the probe at 2 s answers, the send fails again; from then on no probe, the backoff goes on growing.
        var times = sender.Attempts.Select(a => (a.At - start).TotalSeconds).ToList();
        Assert.Equal([0, 2, 12, 32, 72], times);
        Assert.Single(sender.Probes);
        Assert.Contains(log.At(LogLevel.Warning), l => l.Contains("without probing", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DispatchDue_ReplyQueuedAfterWarnings_GoesBeforeThemButAfterACritical()
    {
        await EnqueueAsync("warning 1");
        await EnqueueAsync("warning 2");
        await outbox.EnqueueAsync(new OutboxMessage(MessageKind.Reply, Severity.None, "status reply", Ops), time.GetUtcNow(), default);
        await EnqueueAsync("host down", Severity.Critical);

        await RunForAsync(TimeSpan.FromSeconds(6));

        Assert.Equal(["host down", "status reply", "warning 1", "warning 2"], sender.Attempts.Select(a => a.Message.Html));
    }

    [Fact]
    public async Task DispatchDue_GroupAlertBudgetSpent_AReplyWaitsOnlyForTheOneSecondGap()
    {
        for (var i = 0; i < 30; i++)
        {
            await EnqueueAsync($"m{i}");
        }

        await RunForAsync(TimeSpan.FromSeconds(30)); // 16 alerts go, the rest wait for the minute to roll
        var asked = time.GetUtcNow();
        await outbox.EnqueueAsync(new OutboxMessage(MessageKind.Reply, Severity.None, "/addnode: added", Ops), asked, default);
        await RunForAsync(TimeSpan.FromSeconds(5));

        var reply = Assert.Single(sender.Attempts, a => a.Message.Kind == MessageKind.Reply);
        Assert.True(reply.At - asked <= ChatPacer.PerChatGap, $"the reply waited {reply.At - asked}");
        Assert.Equal(16, sender.Attempts.Count(a => a.Message.Kind == MessageKind.Alert));
    }

    [Fact]
    public async Task SendDirect_PacedWithTheQueue_WaitsTheOneSecondGapAndSendsOutsideTheOutbox()
    {
        await EnqueueAsync("queued");
        await dispatcher.DispatchDueAsync(default);

        var early = await dispatcher.SendDirectAsync(new OutboxMessage(MessageKind.Status, Severity.Critical, "storage failing"), default);
        time.Advance(ChatPacer.PerChatGap);
        var onTime = await dispatcher.SendDirectAsync(new OutboxMessage(MessageKind.Status, Severity.Critical, "storage failing"), default);

        Assert.Equal(ChatPacer.PerChatGap, Assert.IsType<SendOutcome.RateLimited>(early).RetryAfter);
        Assert.IsType<SendOutcome.Sent>(onTime);
        Assert.Equal(["queued", "storage failing"], sender.Attempts.Select(a => a.Message.Html));
        Assert.Single(outbox.Rows);
    }

    [Fact]
    public async Task DispatchDue_RateLimited_HoldsThatChatUntilRetryAfterButNotOthers()
    {
        var first = await EnqueueAsync("one");
        await EnqueueAsync("two");
        var other = await EnqueueAsync("to alice", chat: Alice);
        sender.Then(new SendOutcome.RateLimited(TimeSpan.FromSeconds(7)));

        await dispatcher.DispatchDueAsync(default);
        Assert.Equal(time.GetUtcNow() + TimeSpan.FromSeconds(7), outbox[first].NotBefore);
        Assert.NotNull(outbox[other].SentAt);

        for (var s = 0; s < 6; s++)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            await dispatcher.DispatchDueAsync(default);
        }

        Assert.Single(sender.Attempts, a => a.ChatId == Ops);
        time.Advance(TimeSpan.FromSeconds(1));
        await dispatcher.DispatchDueAsync(default);
        Assert.NotNull(outbox[first].SentAt);
    }

    [Fact]
    public async Task DispatchDue_SameChat_AtMostOneMessagePerSecond()
    {
        for (var i = 0; i < 5; i++)
        {
            await EnqueueAsync($"m{i}");
        }

        await RunForAsync(TimeSpan.FromSeconds(10));

        var times = sender.Attempts.Select(a => a.At).ToList();
        Assert.Equal(5, times.Count);
        Assert.All(times.Zip(times.Skip(1)), p => Assert.True(p.Second - p.First >= TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public async Task DispatchDue_Group_AtMostTwentyPerMinute()
    {
        for (var i = 0; i < 30; i++)
        {
            await EnqueueAsync($"m{i}");
        }

        var start = time.GetUtcNow();
        await RunForAsync(TimeSpan.FromMinutes(3));

        var times = sender.Attempts.Select(a => a.At).ToList();
        Assert.Equal(30, times.Count);
        Assert.All(times, t => Assert.True(times.Count(u => u > t - TimeSpan.FromMinutes(1) && u <= t) <= 20));
        Assert.True(times[20] - start >= TimeSpan.FromMinutes(1));
    }

    [Fact]
    public async Task DispatchDue_CriticalQueuedLater_IsDeliveredBeforeOlderWarnings()
    {
        await EnqueueAsync("warning 1");
        await EnqueueAsync("warning 2");
        await EnqueueAsync("host down", Severity.Critical);

        await RunForAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(["host down", "warning 1", "warning 2"], sender.Attempts.Select(a => a.Message.Html));
    }

    [Fact]
    public async Task DispatchDue_PermanentFailure_KeepsItLoggedAndRetriesAnHourLater()
    {
        var id = await EnqueueAsync("x");
        sender.Then(new SendOutcome.Permanent("Telegram 403: Forbidden: bot was kicked from the group chat"));

        await dispatcher.DispatchDueAsync(default);

        Assert.Null(outbox[id].SentAt);
        Assert.Equal(time.GetUtcNow() + TimeSpan.FromHours(1), outbox[id].NotBefore);
        Assert.Contains(log.At(LogLevel.Error), l => l.Contains("kicked", StringComparison.Ordinal));
        time.Advance(TimeSpan.FromHours(1));
        await dispatcher.DispatchDueAsync(default);
        Assert.NotNull(outbox[id].SentAt);
    }

    [Fact]
    public async Task DispatchDue_NoOpsChatConfigured_KeepsAlertsQueuedWithTheReason()
    {
        using var unconfigured = Dispatcher(new OutboxDispatcherOptions { OpsChatId = null });
        var alert = await EnqueueAsync("x", chat: null);
        var reply = await EnqueueAsync("y", chat: Alice);

        await unconfigured.DispatchDueAsync(default);

        Assert.Null(outbox[alert].SentAt);
        Assert.Contains("no ops chat", outbox[alert].LastError, StringComparison.Ordinal);
        Assert.NotNull(outbox[reply].SentAt);
    }

    [Fact]
    public async Task Execute_MessageEnqueued_IsSentPromptlyWithoutWaitingForThePoll()
    {
        var realTime = TimeProvider.System;
        var signal = new OutboxSignal(realTime);
        var realSender = new ScriptedSender(realTime);
        using var running = new OutboxDispatcher(outbox, realSender, signal, new OutboxDispatcherOptions { OpsChatId = Ops, PollInterval = TimeSpan.FromHours(1) }, realTime, log);
        await running.StartAsync(default);
        await outbox.FirstRead.WaitAsync(TimeSpan.FromSeconds(5)); // the empty first pass is over; only the signal can bring the next

        await new OutboxWriter(outbox, signal, realTime).EnqueueAsync(new OutboxMessage(MessageKind.Alert, Severity.Critical, "down"), default);

        await realSender.FirstAttempt.Task.WaitAsync(TimeSpan.FromSeconds(5));
        await running.StopAsync(default);
        Assert.Equal("down", Assert.Single(realSender.Attempts).Message.Html);
    }

    /// <summary>No jitter, so a timeline can name exact seconds.</summary>
    private static OutboxDispatcherOptions Exact => new()
    {
        OpsChatId = Ops,
        DeliveryBackoff = new(TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(5), Jitter: 0),
    };

    private OutboxDispatcher Dispatcher(OutboxDispatcherOptions options) => new(outbox, sender, new OutboxSignal(time), options, time, log);

    private Task<long> EnqueueAsync(string html, Severity severity = Severity.Warning, long? chat = Ops) =>
        outbox.EnqueueAsync(new OutboxMessage(MessageKind.Alert, severity, html, chat), time.GetUtcNow(), default);

    /// <summary>Runs passes as the dispatcher's loop would, jumping the fake clock by each returned wait.</summary>
    private async Task RunForAsync(TimeSpan span)
    {
        var end = time.GetUtcNow() + span;
        while (time.GetUtcNow() < end)
        {
            var wait = await dispatcher.DispatchDueAsync(default);
            time.Advance(wait > TimeSpan.Zero ? wait : TimeSpan.FromMilliseconds(1));
        }
    }
}
