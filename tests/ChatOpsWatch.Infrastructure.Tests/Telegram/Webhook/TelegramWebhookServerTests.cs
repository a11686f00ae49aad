using System.Net;
using System.Text.Json;
using ChatOpsWatch.Domain.Text;
using ChatOpsWatch.Infrastructure.Telegram;
using ChatOpsWatch.Infrastructure.Telegram.Webhook;
using Microsoft.Extensions.Logging;
using H = ChatOpsWatch.Infrastructure.Tests.Telegram.ChatBotHarness;

namespace ChatOpsWatch.Infrastructure.Tests.Telegram.Webhook;

public sealed class TelegramWebhookServerTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("wrong-secret-0123456789")]
    [InlineData(WebhookRig.Secret + "x")]
    [InlineData("S3CRET-TOKEN_0123456789ABCDEF")]
    public async Task Post_MissingOrWrongSecret_Is401AndTheHandlerNeverRuns(string? secret)
    {
        var handler = new CountingUpdateHandler();
        await using var rig = new WebhookRig(handler);
        await rig.StartAsync();

        var status = await rig.PostAsync(WebhookRig.MessageUpdate(WebhookRig.NextUpdateId(), H.OpsGroup, H.Admin, "/help"), secret);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Empty(handler.Handled);
        Assert.Contains(rig.Log.At(LogLevel.Warning), l => l.Contains("secret token header", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Post_WrongSecretWithAHugeBody_Is401NotTooLargeBecauseTheBodyIsNeverRead()
    {
        await using var rig = new WebhookRig(new CountingUpdateHandler());
        await rig.StartAsync();

        var status = await rig.PostAsync(new string('x', 3 << 20), "wrong-secret-0123456789");

        Assert.Equal(HttpStatusCode.Unauthorized, status);
    }

    [Fact]
    public async Task Post_RightSecretPostedTwice_IsHandledOnceAndBothAnswered200()
    {
        var handler = new CountingUpdateHandler();
        await using var rig = new WebhookRig(handler);
        await rig.StartAsync();
        var id = WebhookRig.NextUpdateId();
        var body = WebhookRig.MessageUpdate(id, H.OpsGroup, H.Admin, "/help");

        var statuses = await Task.WhenAll(rig.PostAsync(body), rig.PostAsync(body));
        var third = await rig.PostAsync(body);

        Assert.All(statuses.Append(third), s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal([(long)id], handler.Handled);
        Assert.Equal("/help", Assert.Single(handler.Updates).Message!.Text);
    }

    [Fact]
    public async Task Post_HandlerFails_Answers500AndTheRedeliveryIsHandled()
    {
        var handler = new CountingUpdateHandler { FailFirst = 1 };
        await using var rig = new WebhookRig(handler);
        await rig.StartAsync();
        var id = WebhookRig.NextUpdateId();
        var body = WebhookRig.MessageUpdate(id, H.OpsGroup, H.Admin, "/silences");

        var first = await rig.PostAsync(body);
        var redelivered = await rig.PostAsync(body);

        Assert.Equal(HttpStatusCode.InternalServerError, first);
        Assert.Equal(HttpStatusCode.OK, redelivered);
        Assert.Equal([(long)id], handler.Handled);
        Assert.Contains(rig.Log.At(LogLevel.Error), l => l.Contains($"update {id} failed (attempt 1)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Post_HandlerFailsEveryTime_IsAcceptedAndLoggedAsSkippedAfterThreeAttempts()
    {
        var handler = new CountingUpdateHandler { FailFirst = int.MaxValue };
        await using var rig = new WebhookRig(handler);
        await rig.StartAsync();
        var id = WebhookRig.NextUpdateId();
        var body = WebhookRig.MessageUpdate(id, H.OpsGroup, H.Admin, "/silences");

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            statuses.Add(await rig.PostAsync(body));
        }

        Assert.Equal([HttpStatusCode.InternalServerError, HttpStatusCode.InternalServerError, HttpStatusCode.OK, HttpStatusCode.OK], statuses);
        Assert.Contains(rig.Log.At(LogLevel.Error), l => l.Contains($"update {id} failed 3 times; it is skipped", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"message\": {}}")]
    public async Task Post_RightSecretButNotAnUpdate_Is400AndLogged(string body)
    {
        var handler = new CountingUpdateHandler();
        await using var rig = new WebhookRig(handler);
        await rig.StartAsync();

        Assert.Equal(HttpStatusCode.BadRequest, await rig.PostAsync(body));
        Assert.Empty(handler.Handled);
        Assert.Contains(rig.Log.At(LogLevel.Error), l => l.Contains("not a Telegram update", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Start_SetsTheWebhookWithItsSecretAndTheWantedUpdatesAndPublishesTheMenu()
    {
        await using var rig = new WebhookRig(new CountingUpdateHandler(), texts: TextCatalog.Chinese);
        await rig.StartAsync();

        var call = await rig.Api.WaitForCallAsync(c => c.Method == "setWebhook");
        await rig.Api.WaitForCallsAsync("setMyCommands", 1);

        Assert.Equal("https://bot.example.com:8443/tg/", call.Param("url"));
        Assert.Equal(WebhookRig.Secret, call.Param("secret_token"));
        Assert.Equal(["message", "my_chat_member", "callback_query"], JsonSerializer.Deserialize<string[]>(call.Param("allowed_updates")!)!);
        Assert.Contains(("help", "列出所有命令"), rig.Api.Commands);
        Assert.Equal(0, rig.Api.CallCount("getUpdates"));
    }

    [Fact]
    public async Task Start_SetWebhookFailsOnce_RetriesUntilTelegramAcceptsIt()
    {
        await using var api = Testing.FakeBotApi.FakeBotApiServer.Start();
        api.FailNext("setWebhook", 1, new Testing.FakeBotApi.FakeFailure.ServerError());
        await using var rig = new WebhookRig(new CountingUpdateHandler(), api);
        await rig.StartAsync();

        await api.WaitForCallsAsync("setMyCommands", 1);

        Assert.Equal(2, api.CallCount("setWebhook"));
    }

    [Fact]
    public async Task Post_HelpInChinese_GoesThroughTheRealHandlerAndIsAnsweredInChinese()
    {
        await using var bot = new H(H.Fleet(TimeProvider.System.GetUtcNow()), texts: TextCatalog.Chinese);
        await bot.StartAsync();
        await using var rig = new WebhookRig(bot.Handler, bot.Api, TextCatalog.Chinese);
        await rig.StartAsync();

        var status = await rig.PostAsync(WebhookRig.MessageUpdate(WebhookRig.NextUpdateId(), H.OpsGroup, H.Member, "/help@FakeOpsBot"));
        var reply = await bot.Api.WaitForAsync(m => m.ChatId == H.OpsGroup);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("通过 SSH 监控服务器集群", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_ToAServerListeningOnEveryAddress_IsHandled()
    {
        var handler = new CountingUpdateHandler();
        await using var rig = new WebhookRig(handler, listenHost: "0.0.0.0");
        await rig.StartAsync();

        Assert.Equal(HttpStatusCode.OK, await rig.PostAsync(WebhookRig.MessageUpdate(WebhookRig.NextUpdateId(), H.OpsGroup, H.Admin, "/help")));
        Assert.Single(handler.Handled);
    }

    [Fact]
    public async Task Start_PortAlreadyTaken_FailsNamingTheListenSetting()
    {
        await using var first = new WebhookRig(new CountingUpdateHandler());
        await first.StartAsync();
        using var second = new TelegramWebhookServer(
            TelegramClientFactory.Create(first.Api.Token, first.Api.BaseUrl, TimeSpan.FromSeconds(5)),
            new CountingUpdateHandler(),
            new TelegramWebhookOptions(new Uri("https://bot.example.com/tg/"), first.Url.ToString(), WebhookRig.Secret),
            TimeProvider.System,
            new CollectingLogger<TelegramWebhookServer>(), TextCatalog.English);

        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => second.StartAsync(default));

        Assert.Contains("Telegram:Webhook:Listen", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://0.0.0.0:8443/tg", "http://+:8443/tg/")]
    [InlineData("http://127.0.0.1:8080/hook/", "http://127.0.0.1:8080/hook/")]
    [InlineData("http://[::]:88/", "http://+:88/")]
    public void ListenerPrefix_WildcardHost_ListensOnEveryAddress(string configured, string expected) =>
        Assert.Equal(expected, TelegramWebhookServer.ListenerPrefix(configured));
}
