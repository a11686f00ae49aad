using System.Diagnostics;
using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Domain.Notifications;
using ChatOpsWatch.Testing.FakeBotApi;
using H = ChatOpsWatch.Infrastructure.Tests.Telegram.ChatBotHarness;

namespace ChatOpsWatch.Infrastructure.Tests.Telegram;

/// <summary>
/// The whole chat path on the real clock through Bot API outages (issue 9): the poller, the dispatcher and both real
/// Telegram.Bot clients against the fake Bot API, which fails every call until the test ends the outage.
/// </summary>
public sealed class OutageResumeTests : IAsyncLifetime, IAsyncDisposable
{
    private readonly H bot = new(H.Fleet(TimeProvider.System.GetUtcNow()));

    public Task InitializeAsync() => bot.StartAsync();

    Task IAsyncLifetime.DisposeAsync() => bot.DisposeAsync().AsTask();

    ValueTask IAsyncDisposable.DisposeAsync() => bot.DisposeAsync();

    [Fact]
    public async Task Outage_CommandTypedDuringIt_IsAnsweredBeforeTheWarningsQueuedBeforeIt()
    {
        await bot.Api.WaitForCallsAsync("getUpdates", 1);
        bot.Api.BeginOutage(new FakeFailure.ServerError(502, HtmlBody: true));
        for (var i = 1; i <= 3; i++)
        {
            await bot.Writer.EnqueueAsync(new OutboxMessage(MessageKind.Alert, Severity.Warning, $"warning #{i}"), default);
        }

        await bot.Api.WaitForCallsAsync("sendMessage", 1); // the first warning met the outage: delivery pauses
        bot.Api.EnqueueMessage(H.OpsGroup, H.Member, "/status");
        var getUpdates = bot.Api.CallCount("getUpdates");
        await bot.Api.WaitForCallsAsync("getUpdates", getUpdates + 2); // the poller fails too, at least twice

        var back = Stopwatch.StartNew();
        bot.Api.EndOutage();
        await bot.Api.WaitForAsync(m => m.Text.Contains("warning #3", StringComparison.Ordinal), TimeSpan.FromSeconds(20));

        var texts = bot.Api.Sent.Select(m => m.Text).ToList();
        Assert.True(texts.Count == 4, string.Join(" | ", texts) + " CALLS " + string.Join(",", bot.Api.Calls.Select(c => c.Method + "@" + c.At.ToString("ss.fff", System.Globalization.CultureInfo.InvariantCulture))));
        Assert.Contains("1 critical", texts[0], StringComparison.Ordinal); // the /status reply went first
        Assert.Equal(["warning #1", "warning #2", "warning #3"], texts.Skip(1));
        Assert.True(back.Elapsed < TimeSpan.FromSeconds(15), $"all four took {back.Elapsed.TotalSeconds:0.0} s after the outage"); // 1 msg/s to a group: 4 s; a grown backoff waits 30 s, and a loaded CI machine needs the slack
    }

    [Fact]
    public async Task Conflict_CommandTypedDuringIt_IsAnsweredWithinSecondsOfTheConflictEnding()
    {
        await bot.Api.WaitForCallsAsync("getUpdates", 1);
        bot.Api.BeginOutage(new FakeFailure.Conflict(), "getUpdates");
        bot.Api.EnqueueMessage(H.OpsGroup, H.Member, "/status");
        var before = bot.Api.CallCount("getUpdates");
        await bot.Api.WaitForCallsAsync("getUpdates", before + 3, TimeSpan.FromSeconds(15)); // three 409s: 1, 2, 4 s apart

        var ended = Stopwatch.StartNew();
        bot.Api.EndOutage();
        var reply = await bot.Api.WaitForAsync(m => m.ChatId == H.OpsGroup, TimeSpan.FromSeconds(20));

        Assert.Contains("1 critical", reply.Text, StringComparison.Ordinal);
        Assert.True(ended.Elapsed < TimeSpan.FromSeconds(6.5), $"answered {ended.Elapsed.TotalSeconds:0.0} s after the conflict ended"); // main: 30 s, then 60 s
    }
}
