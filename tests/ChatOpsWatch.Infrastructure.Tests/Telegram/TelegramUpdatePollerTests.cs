using ChatOpsWatch.Domain.Text;
using ChatOpsWatch.Infrastructure.Telegram;
using ChatOpsWatch.Testing.FakeBotApi;
using Microsoft.Extensions.Logging;
using ChatOpsWatch.Infrastructure.Chat;

namespace ChatOpsWatch.Infrastructure.Tests.Telegram;

public sealed class TelegramUpdatePollerTests : IAsyncDisposable
{
    private const long Ops = -100200300;
    private readonly FakeBotApiServer api = FakeBotApiServer.Start();
    private readonly TimerWatchingTimeProvider time = new(new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly RecordingUpdateHandler handler = new();
    private readonly CollectingLogger<TelegramUpdatePoller> log = new();
    private readonly CommandIntake intake;
    private TelegramUpdatePoller? poller;

    public TelegramUpdatePollerTests() => intake = new CommandIntake(time);

    public async ValueTask DisposeAsync()
    {
        if (poller is not null)
        {
            await poller.StopAsync(default);
            poller.Dispose();
        }

        await api.DisposeAsync();
    }

    [Fact]
    public async Task Poller_QueuedUpdates_ReachTheHandlerOnceInOrderWithIncreasingOffsets()
    {
        int[] ids = [api.EnqueueMessage(Ops, 1, "/status"), api.EnqueueMessage(Ops, 1, "/help"), api.EnqueueMessage(Ops, 2, "hi")];

        await StartAsync();
        await handler.WaitForAsync(3);
        var later = api.EnqueueMessage(Ops, 1, "/status db-1");
        await handler.WaitForAsync(4);
        await api.WaitForCallAsync(c => c.Method == "getUpdates" && c.Number("offset") == later + 1);

        Assert.Equal([.. ids, later], handler.Handled.Select(u => u.Id));
        Assert.Equal("/status db-1", handler.Handled[^1].Message!.Text);
        var offsets = api.Calls.Where(c => c.Method == "getUpdates").Select(c => c.Number("offset") ?? 0).ToList();
        Assert.Equal(offsets.Order(), offsets);
        Assert.Contains(ids[^1] + 1, offsets);
    }

    [Fact]
    public async Task Poller_AtStart_DeletesTheWebhookAndPublishesTheCommandMenu()
    {
        await StartAsync();
        await api.WaitForCallsAsync("getUpdates", 1);

        var methods = api.Calls.Select(c => c.Method).ToList();
        Assert.True(methods.IndexOf("deleteWebhook") < methods.IndexOf("getUpdates"), string.Join(",", methods));
        Assert.Equal(ChatOpsWatch.Domain.Chat.ChatCommands.All.Select(c => c.Name), api.Commands.Select(c => c.Command));
        Assert.Contains("chart", api.Commands.Select(c => c.Command));
    }

    [Fact]
    public async Task Poller_Conflict_LogsOneClearErrorAndRetriesWithinSeconds()
    {
        api.FailNext("getUpdates", 3, new FakeFailure.Conflict());
        await StartAsync();

        var firstBackoff = await time.WaitForTimerAsync(1);
        await Task.Delay(300); // a short real window: while the poller sleeps, no request may come
        Assert.Equal(1, api.CallCount("getUpdates"));
        time.Advance(firstBackoff);
        var secondBackoff = await time.WaitForTimerAsync(2);
        time.Advance(secondBackoff);
        var thirdBackoff = await time.WaitForTimerAsync(3);
        time.Advance(thirdBackoff);
        api.EnqueueMessage(Ops, 1, "/status");
        await handler.WaitForAsync(1);

        // 1, 2, 4 s with ±25 % jitter: a command waits seconds after the other consumer is gone, not a minute (issue 9).
        Assert.InRange(firstBackoff.TotalSeconds, 0.75, 1.25);
        Assert.InRange(secondBackoff.TotalSeconds, 1.5, 2.5);
        Assert.InRange(thirdBackoff.TotalSeconds, 3, 5);
        var error = Assert.Single(log.At(LogLevel.Error));
        Assert.Contains("another getUpdates consumer is running with this token", error, StringComparison.Ordinal);
        Assert.Contains(log.At(LogLevel.Information), l => l.Contains("works again", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Poller_LongConflict_BackoffIsCappedAtFiveSeconds()
    {
        api.FailNext("getUpdates", 8, new FakeFailure.Conflict());
        await StartAsync();

        var delays = new List<TimeSpan>();
        for (var n = 1; n <= 8; n++)
        {
            delays.Add(await time.WaitForTimerAsync(n));
            time.Advance(delays[^1]);
        }

        // Jittered (±25 %) below the cap, so no single delay need hit 5 s exactly; none may pass it, and the last is at the cap's band.
        Assert.All(delays, d => Assert.True(d <= TimeSpan.FromSeconds(5), $"{d} is past the 5 s cap"));
        Assert.InRange(delays[^1].TotalSeconds, 3.75, 5);
    }

    [Fact]
    public async Task Poller_ServerErrors_BackOffThenDeliver()
    {
        api.FailNext("getUpdates", 2, new FakeFailure.ServerError(502, HtmlBody: true));
        var id = api.EnqueueMessage(Ops, 1, "/status");
        await StartAsync();

        time.Advance(await time.WaitForTimerAsync(1));
        time.Advance(await time.WaitForTimerAsync(2));
        await handler.WaitForAsync(1);

        Assert.Equal(id, Assert.Single(handler.Handled).Id);
        Assert.Equal(2, log.At(LogLevel.Warning).Count(l => l.Contains("getUpdates failed", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Poller_HandlerThrows_LogsAndMovesOnWithoutRedelivering()
    {
        var bad = api.EnqueueMessage(Ops, 1, "/status");
        var good = api.EnqueueMessage(Ops, 1, "/help");
        handler.ThrowFor.Add(bad);
        await StartAsync();

        await handler.WaitForAsync(2);
        await api.WaitForCallAsync(c => c.Method == "getUpdates" && c.Number("offset") == good + 1);

        Assert.Equal([bad, good], handler.Handled.Select(u => u.Id));
        Assert.Contains(log.At(LogLevel.Error), l => l.Contains($"update {bad}", StringComparison.Ordinal));
    }

    [Fact]
    public void Poller_ClientTimeoutShorterThanLongPoll_IsRefusedAtConstruction()
    {
        var bot = TelegramClientFactory.Create(api.Token, api.BaseUrl, TimeSpan.FromSeconds(10));

        var e = Assert.Throws<ArgumentException>(() =>
            new TelegramUpdatePoller(bot, handler, new TelegramPollerOptions { LongPollTimeout = TimeSpan.FromSeconds(25) }, new CommandIntake(time), time, log, TextCatalog.English));

        Assert.Contains("request timeout of at least 30 s", e.Message, StringComparison.Ordinal);
    }

    private async Task StartAsync()
    {
        var bot = TelegramClientFactory.Create(api.Token, api.BaseUrl, TimeSpan.FromSeconds(10));
        poller = new TelegramUpdatePoller(bot, handler, new TelegramPollerOptions { LongPollTimeout = TimeSpan.FromSeconds(1) }, intake, time, log, TextCatalog.English);
        await poller.StartAsync(default);
    }
}
