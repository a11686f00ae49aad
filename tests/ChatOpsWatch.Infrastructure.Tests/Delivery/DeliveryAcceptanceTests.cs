using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Domain.Notifications;
using ChatOpsWatch.Domain.Text;
using ChatOpsWatch.Infrastructure.Delivery;
using ChatOpsWatch.Infrastructure.Storage;
using ChatOpsWatch.Infrastructure.Telegram;
using ChatOpsWatch.Infrastructure.Tests.Storage;
using ChatOpsWatch.Infrastructure.Tests.Telegram;
using ChatOpsWatch.Testing.FakeBotApi;
using ChatOpsWatch.Infrastructure.Chat;

namespace ChatOpsWatch.Infrastructure.Tests.Delivery;

/// <summary>
/// Delivery end to end: a real SQLite file, the real Telegram.Bot client over HTTP to the fake Bot API
/// on 127.0.0.1, and the dispatcher's passes driven on a fake clock.
/// </summary>
public sealed class DeliveryAcceptanceTests : IAsyncDisposable
{
    private const long Ops = -100200300;
    private static readonly string[] Nodes = ["tokyo-1", "fra-2", "nyc-3", "sgp-4"];
    private readonly FakeBotApiServer api = FakeBotApiServer.Start();
    private readonly TestDb db = new();

    public async ValueTask DisposeAsync()
    {
        await api.DisposeAsync();
        db.Dispose();
    }

    [Fact]
    public async Task Dispatch_BotApiDownThenCrashMidSend_AllTwentyArriveInOrderPerNodeAtMostTwiceWithTheDuplicateMarked()
    {
        var alerts = Enumerable.Range(0, 20).Select(i => $"<b>{Nodes[i % 4]}</b> disk alert #{i / 4}").ToList();
        foreach (var html in alerts)
        {
            await db.Outbox.EnqueueAsync(new OutboxMessage(MessageKind.Alert, Severity.Warning, html), db.Time.GetUtcNow(), default);
        }

        api.FailNext("sendMessage", 4, new FakeFailure.ServerError(502, HtmlBody: true));
        var noDigest = new OutboxDispatcherOptions { OpsChatId = Ops, DigestThreshold = null }; // folding is the next test's subject
        var crashing = new ClockedSender(RealSender(), db.Time) { CrashOnSend = 7 };
        using (var beforeCrash = Dispatcher(crashing, noDigest))
        {
            await Assert.ThrowsAsync<InvalidOperationException>(() => RunForAsync(beforeCrash, TimeSpan.FromHours(1)));
        }

        Assert.Equal(4, api.CallCount("sendMessage") - api.Sent.Count); // the outage: four 502s, then three accepted
        db.Reopen();
        using (var restarted = Dispatcher(RealSender(), noDigest))
        {
            await RunForAsync(restarted, TimeSpan.FromMinutes(5));
        }

        Assert.Equal(0, await db.Outbox.BacklogAsync(default));
        var texts = api.Sent.Select(m => m.Text).ToList();
        var marked = Assert.Single(texts, t => t.StartsWith(PossibleDuplicate.Marker(TextCatalog.English), StringComparison.Ordinal));
        Assert.Equal(alerts[2], marked[PossibleDuplicate.Marker(TextCatalog.English).Length..]);
        Assert.All(alerts, a => Assert.InRange(texts.Count(t => t.EndsWith(a, StringComparison.Ordinal)), 1, 2));
        foreach (var node in Nodes)
        {
            var firstCopies = texts.Where(t => !t.StartsWith(PossibleDuplicate.Marker(TextCatalog.English), StringComparison.Ordinal) && t.Contains(node, StringComparison.Ordinal));
            Assert.Equal(alerts.Where(a => a.Contains(node, StringComparison.Ordinal)), firstCopies);
        }
    }

    [Fact]
    public async Task Dispatch_TooManyRequestsRetryAfterSeven_NoRequestBeforeSevenSeconds()
    {
        await db.Outbox.EnqueueAsync(new OutboxMessage(MessageKind.Alert, Severity.Critical, "<b>tokyo-1</b> down"), db.Time.GetUtcNow(), default);
        api.FailNext("sendMessage", 1, new FakeFailure.TooManyRequests(7));
        using var dispatcher = Dispatcher(RealSender(), new OutboxDispatcherOptions { OpsChatId = Ops });

        await dispatcher.DispatchDueAsync(default);
        for (var second = 1; second < 7; second++)
        {
            db.Time.Advance(TimeSpan.FromSeconds(1));
            await dispatcher.DispatchDueAsync(default);
            Assert.Equal(1, api.CallCount("sendMessage"));
        }

        db.Time.Advance(TimeSpan.FromSeconds(1));
        await dispatcher.DispatchDueAsync(default);
        Assert.Equal(2, api.CallCount("sendMessage"));
        Assert.Equal("<b>tokyo-1</b> down", Assert.Single(api.Sent).Text);
    }

    [Fact]
    public async Task Dispatch_SixtyAlertsAtOnceToOneGroup_CriticalsFirstTheRestAsADigestWithinTwentyAMinute()
    {
        var alerts = Enumerable.Range(0, 60)
            .Select(i => (Html: $"<b>{Nodes[i % 4]}</b> alert #{i}", Severity: i % 10 == 9 ? Severity.Critical : Severity.Warning))
            .ToList();
        foreach (var (html, severity) in alerts)
        {
            await db.Outbox.EnqueueAsync(new OutboxMessage(MessageKind.Alert, severity, html), db.Time.GetUtcNow(), default);
        }

        var sender = new ClockedSender(RealSender(), db.Time);
        using (var dispatcher = Dispatcher(sender, new OutboxDispatcherOptions { OpsChatId = Ops }))
        {
            await RunForAsync(dispatcher, TimeSpan.FromMinutes(3));
        }

        var criticals = alerts.Where(a => a.Severity == Severity.Critical).Select(a => a.Html).ToList();
        var texts = api.Sent.Select(m => m.Text).ToList();
        Assert.Equal(criticals, texts.Take(criticals.Count));
        var digest = Assert.Single(texts.Skip(criticals.Count));
        var warnings = alerts.Where(a => a.Severity == Severity.Warning).Select(a => "• " + Html.ToPlainText(a.Html));
        Assert.Equal(warnings, digest.Split('\n').Skip(1));
        var times = sender.Sends.Select(s => s.At).ToList();
        Assert.All(times, t => Assert.True(times.Count(u => u > t - TimeSpan.FromMinutes(1) && u <= t) <= ChatPacer.GroupLimit));
        Assert.Equal(0, await db.Outbox.BacklogAsync(default));
    }

    public static TheoryData<string> Outages => ["502", "dropped"];

    [Theory]
    [MemberData(nameof(Outages))]
    public async Task Dispatch_TwoMinuteBotApiOutage_FirstQueuedAlertArrivesWithinThreeSecondsOfTheApiAnswering(string kind)
    {
        FakeFailure failure = kind == "502" ? new FakeFailure.ServerError(502, HtmlBody: true) : new FakeFailure.Dropped();
        api.BeginOutage(failure);
        using var dispatcher = Dispatcher(RealSender(), new OutboxDispatcherOptions { OpsChatId = Ops });
        var start = db.Time.GetUtcNow();
        await db.Outbox.EnqueueAsync(new OutboxMessage(MessageKind.Alert, Severity.Warning, "<b>tokyo-1</b> disk 91 %"), start, default);
        while (db.Time.GetUtcNow() < start + TimeSpan.FromMinutes(2))
        {
            await StepAsync(dispatcher);
        }

        api.EndOutage();
        var back = db.Time.GetUtcNow();
        while (api.Sent.Count == 0 && db.Time.GetUtcNow() < back + TimeSpan.FromMinutes(10))
        {
            await StepAsync(dispatcher);
        }

        var late = db.Time.GetUtcNow() - back;
        Assert.True(late <= TimeSpan.FromSeconds(3), $"the first alert came {late.TotalSeconds:0.0} s after the API answered again");
        Assert.Equal("<b>tokyo-1</b> disk 91 %", Assert.Single(api.Sent).Text);
        Assert.True(api.CallCount("getMe") >= 30, $"{api.CallCount("getMe")} probes in two minutes"); // about one every 2 s
    }

    private async Task StepAsync(OutboxDispatcher dispatcher)
    {
        var wait = await dispatcher.DispatchDueAsync(default);
        db.Time.Advance(wait > TimeSpan.Zero ? wait : TimeSpan.FromMilliseconds(1));
    }

    private TelegramMessageSender RealSender() =>
        new(TelegramClientFactory.Create(api.Token, api.BaseUrl, TimeSpan.FromSeconds(5)), new CommandIntake(db.Time), new CollectingLogger<TelegramMessageSender>());

    private OutboxDispatcher Dispatcher(Domain.Ports.IMessageSender sender, OutboxDispatcherOptions options) =>
        new(new SqliteOutbox(db.Database, TextCatalog.English), sender, new OutboxSignal(db.Time), options, db.Time, new CollectingLogger<OutboxDispatcher>());

    /// <summary>Runs passes as the dispatcher's loop would, jumping the fake clock by each returned wait.</summary>
    private async Task RunForAsync(OutboxDispatcher dispatcher, TimeSpan span)
    {
        var end = db.Time.GetUtcNow() + span;
        while (db.Time.GetUtcNow() < end && await db.Outbox.BacklogAsync(default) > 0)
        {
            var wait = await dispatcher.DispatchDueAsync(default);
            db.Time.Advance(wait > TimeSpan.Zero ? wait : TimeSpan.FromMilliseconds(1));
        }
    }
}
