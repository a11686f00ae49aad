using ChatOpsWatch.Domain.Notifications;
using ChatOpsWatch.Domain.Ports;
using Microsoft.Extensions.Logging;
using H = ChatOpsWatch.Infrastructure.Tests.Telegram.ChatBotHarness;

namespace ChatOpsWatch.Infrastructure.Tests.Telegram;

public sealed class ChatUpdateHandlerTests : IAsyncLifetime, IAsyncDisposable
{
    private const long Stranger = 555;
    private const long StrangerGroup = -100999;
    private readonly H bot = new(H.Fleet(TimeProvider.System.GetUtcNow()));

    public Task InitializeAsync() => bot.StartAsync();

    Task IAsyncLifetime.DisposeAsync() => bot.DisposeAsync().AsTask();

    ValueTask IAsyncDisposable.DisposeAsync() => bot.DisposeAsync();

    [Fact]
    public async Task Status_InAllowedGroup_RepliesThereWithTheFleetWorstFirst()
    {
        bot.Api.EnqueueMessage(H.OpsGroup, H.Member, "/status");

        var reply = await bot.Api.WaitForAsync(m => m.ChatId == H.OpsGroup);

        Assert.True(reply.IsHtml);
        Assert.Contains("1 critical", reply.Text, StringComparison.Ordinal);
        Assert.True(reply.Text.IndexOf("db-1", StringComparison.Ordinal) < reply.Text.IndexOf("web-1", StringComparison.Ordinal), reply.Text);
        Assert.Equal(MessageKind.Status, Assert.Single(bot.Outbox.Rows).Message.Kind);
    }

    [Fact]
    public async Task Status_ForOurBotByName_IsAnsweredButForAnotherBotIsIgnored()
    {
        bot.Api.EnqueueMessage(H.OpsGroup, H.Member, "/status@OtherBot");
        bot.Api.EnqueueMessage(H.OpsGroup, H.Member, $"/status@{bot.Api.BotUsername} web-1");

        var reply = await bot.Api.WaitForAsync(m => m.ChatId == H.OpsGroup);

        Assert.Contains("web-1", reply.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("db-1", reply.Text, StringComparison.Ordinal);
        Assert.Single(bot.Outbox.Rows);
    }

    [Theory]
    [InlineData("/status no-such-node", "No node is called <b>no-such-node</b>")]
    [InlineData("/status ../../etc;reboot", "contains ';', which no name or time here uses")]
    [InlineData("/help", "/status [node]")]
    [InlineData("/frobnicate@FakeOpsBot", "Unknown command /frobnicate")]
    public async Task Command_InAllowedGroup_GetsItsAnswer(string text, string expected)
    {
        bot.Api.EnqueueMessage(H.OpsGroup, H.Member, text);

        var reply = await bot.Api.WaitForAsync(m => m.ChatId == H.OpsGroup);

        Assert.Contains(expected, reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_InStrangerGroup_LeavesWithoutReadingOrSendingAnything()
    {
        bot.Api.EnqueueMessage(StrangerGroup, H.Admin, "/status");
        await bot.Api.WaitForLeaveAsync(StrangerGroup);
        await ProveTheBotIsIdleAsync();

        Assert.DoesNotContain(bot.Api.Sent, m => m.ChatId == StrangerGroup);
        Assert.Equal(1, bot.Store.FleetReads); // only the allowed probe's /status
        Assert.Contains(bot.Log.At(LogLevel.Warning), l => l.Contains($"chat {StrangerGroup}", StringComparison.Ordinal) && l.Contains("ChatNotAllowed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Status_InStrangersPrivateChat_GetsOnlyARefusalWithItsChatId()
    {
        bot.Api.EnqueueMessage(Stranger, Stranger, "/status", chatType: "private");

        var reply = await bot.Api.WaitForAsync(m => m.ChatId == Stranger);
        await ProveTheBotIsIdleAsync();

        Assert.Contains($"<code>{Stranger}</code>", reply.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("db-1", reply.Text, StringComparison.Ordinal);
        Assert.Single(bot.Api.Sent, m => m.ChatId == Stranger);
        Assert.Equal(1, bot.Store.FleetReads);
    }

    [Theory]
    [InlineData(H.OpsGroup, false, "anonymously")]
    [InlineData(-100777L, false, "on behalf of a channel")]
    [InlineData(null, true, "Forwarded commands are ignored")]
    public async Task Status_AnonymousOrForwarded_IsRefusedWithoutFleetData(long? senderChat, bool forwarded, string expected)
    {
        bot.Api.EnqueueMessage(H.OpsGroup, H.Admin, "/status", senderChatId: senderChat, forwarded: forwarded);

        var reply = await bot.Api.WaitForAsync(m => m.ChatId == H.OpsGroup);

        Assert.Contains(expected, reply.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("db-1", reply.Text, StringComparison.Ordinal);
        Assert.Equal(0, bot.Store.FleetReads);
    }

    [Fact]
    public async Task Chatter_FromAnonymousAdmin_IsNotAnswered()
    {
        bot.Api.EnqueueMessage(H.OpsGroup, H.Admin, "looks fine to me", senderChatId: H.OpsGroup);
        await ProveTheBotIsIdleAsync();

        Assert.Single(bot.Api.Sent);
    }

    [Fact]
    public async Task BotAddedToStrangerGroup_LeavesIt()
    {
        bot.Api.EnqueueBotAdded(StrangerGroup, Stranger);

        await bot.Api.WaitForLeaveAsync(StrangerGroup);

        Assert.Empty(bot.Api.Sent);
    }

    [Fact]
    public async Task Status_StoreBroken_SaysSoInsteadOfStayingSilent()
    {
        bot.Store.Failure = new StorageException("/var/lib/chatopswatch/monitor.db: disk I/O error");
        bot.Api.EnqueueMessage(H.OpsGroup, H.Member, "/status");

        var reply = await bot.Api.WaitForAsync(m => m.ChatId == H.OpsGroup);

        Assert.Contains("Status unavailable", reply.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("monitor.db", reply.Text, StringComparison.Ordinal);
        Assert.Contains(bot.Log.At(LogLevel.Error), l => l.Contains("/status", StringComparison.Ordinal));
    }

    /// <summary>Updates are handled in order, so once a later /status is answered every earlier update was handled.</summary>
    private async Task ProveTheBotIsIdleAsync()
    {
        bot.Api.EnqueueMessage(H.OpsGroup, H.Member, "/status");
        await bot.Api.WaitForAsync(m => m.ChatId == H.OpsGroup && m.Text.Contains("Fleet status", StringComparison.Ordinal));
    }
}
