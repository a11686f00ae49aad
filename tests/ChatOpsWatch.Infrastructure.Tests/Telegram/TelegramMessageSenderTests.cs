using System.Diagnostics;
using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Domain.Notifications;
using ChatOpsWatch.Domain.Ports;
using ChatOpsWatch.Infrastructure.Telegram;
using ChatOpsWatch.Testing.FakeBotApi;
using ChatOpsWatch.Infrastructure.Chat;

namespace ChatOpsWatch.Infrastructure.Tests.Telegram;

/// <summary>The real Telegram.Bot client against the fake Bot API over HTTP.</summary>
public sealed class TelegramMessageSenderTests : IAsyncDisposable
{
    private const long Ops = -100200300;
    private readonly FakeBotApiServer api = FakeBotApiServer.Start();
    private readonly CollectingLogger<TelegramMessageSender> log = new();

    public ValueTask DisposeAsync() => api.DisposeAsync();

    [Fact]
    public async Task SendAsync_Accepted_ReturnsSentWithTelegramsMessageId()
    {
        var outcome = await Sender().SendAsync(Ops, Msg("🟠 WARNING · <b>db-1</b> disk 91 %"), default);

        var sent = Assert.IsType<SendOutcome.Sent>(outcome);
        var m = Assert.Single(api.Sent);
        Assert.Equal(m.MessageId, sent.MessageId);
        Assert.Equal(Ops, m.ChatId);
        Assert.Equal("🟠 WARNING · <b>db-1</b> disk 91 %", m.Text);
        Assert.True(m.IsHtml);
    }

    [Theory]
    [InlineData(Severity.Warning, true)]
    [InlineData(Severity.Critical, false)]
    public async Task SendAsync_BySeverity_OnlyCriticalsMakeNoise(Severity severity, bool silent)
    {
        await Sender().SendAsync(Ops, Msg("x", severity), default);

        Assert.Equal(silent, Assert.Single(api.Sent).DisableNotification);
    }

    [Fact]
    public async Task SendAsync_TooManyRequests_ReturnsRateLimitedAtOnceWithoutRetrying()
    {
        api.FailNext("sendMessage", 1, new FakeFailure.TooManyRequests(7));
        var clock = Stopwatch.StartNew();

        var outcome = await Sender().SendAsync(Ops, Msg("x"), default);

        Assert.Equal(TimeSpan.FromSeconds(7), Assert.IsType<SendOutcome.RateLimited>(outcome).RetryAfter);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"took {clock.Elapsed}: the client must not wait out retry_after itself");
        Assert.Equal(1, api.CallCount("sendMessage"));
        Assert.Empty(api.Sent);
    }

    [Theory]
    [InlineData(502, false)]
    [InlineData(502, true)]
    [InlineData(500, false)]
    public async Task SendAsync_ServerError_ReturnsTransient(int status, bool htmlBody)
    {
        api.FailNext("sendMessage", 1, new FakeFailure.ServerError(status, htmlBody));

        var outcome = await Sender().SendAsync(Ops, Msg("x"), default);

        Assert.IsType<SendOutcome.Transient>(outcome);
    }

    [Fact]
    public async Task SendAsync_ServerHangs_ReturnsTransientAfterTheRequestTimeout()
    {
        api.FailNext("sendMessage", 1, new FakeFailure.Hang());

        var outcome = await Sender(TimeSpan.FromMilliseconds(500)).SendAsync(Ops, Msg("x"), default);

        Assert.Contains("timed out", Assert.IsType<SendOutcome.Transient>(outcome).Error, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task SendAsync_NobodyListening_ReturnsTransient()
    {
        var sender = Sender();
        await api.DisposeAsync();

        var outcome = await sender.SendAsync(Ops, Msg("x"), default);

        Assert.IsType<SendOutcome.Transient>(outcome);
    }

    [Fact]
    public async Task SendAsync_MarkupRefused_ResendsOnceAsPlainText()
    {
        api.FailNext("sendMessage", 1, new FakeFailure.BadRequestParse());

        var outcome = await Sender().SendAsync(Ops, Msg("<b>db-1</b> load &gt; 4"), default);

        Assert.IsType<SendOutcome.Sent>(outcome);
        Assert.Equal(2, api.CallCount("sendMessage"));
        var m = Assert.Single(api.Sent);
        Assert.Equal("db-1 load > 4", m.Text);
        Assert.False(m.IsHtml);
        Assert.Contains(log.At(Microsoft.Extensions.Logging.LogLevel.Warning), l => l.Contains("plain text", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SendAsync_BrokenMarkup_ArrivesAsPlainTextInsteadOfNever()
    {
        var outcome = await Sender().SendAsync(Ops, Msg("<b>unclosed disk 91 %"), default);

        Assert.IsType<SendOutcome.Sent>(outcome);
        Assert.Equal("unclosed disk 91 %", Assert.Single(api.Sent).Text);
    }

    [Fact]
    public async Task SendAsync_BotKicked_ReturnsPermanent()
    {
        api.FailNext("sendMessage", 1, new FakeFailure.Forbidden());

        var outcome = await Sender().SendAsync(Ops, Msg("x"), default);

        Assert.Contains("kicked", Assert.IsType<SendOutcome.Permanent>(outcome).Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_WrongToken_ReturnsPermanent()
    {
        var bot = TelegramClientFactory.Create("999:wrong-token", api.BaseUrl, TimeSpan.FromSeconds(5));

        var outcome = await new TelegramMessageSender(bot, new CommandIntake(TimeProvider.System), log).SendAsync(Ops, Msg("x"), default);

        Assert.IsType<SendOutcome.Permanent>(outcome);
    }

    [Fact]
    public async Task SendAsync_TextOverTheLimit_ArrivesInValidPiecesInOrder()
    {
        var lines = Enumerable.Range(0, 300).Select(i => $"🟢 <b>node-{i:D3}</b> cpu 12 % · mem &lt;40 %").ToList();
        var html = string.Join('\n', lines);

        var outcome = await Sender().SendAsync(Ops, Msg(html), default);

        Assert.IsType<SendOutcome.Sent>(outcome);
        Assert.True(api.Sent.Count > 1);
        Assert.All(api.Sent, m => Assert.True(m.IsHtml && m.Text.Length <= 4096));
        Assert.Equal(html, string.Join('\n', api.Sent.Select(m => m.Text)));
    }

    private static OutboxMessage Msg(string html, Severity severity = Severity.Warning) => new(MessageKind.Alert, severity, html);

    private TelegramMessageSender Sender(TimeSpan? timeout = null) =>
        new(TelegramClientFactory.Create(api.Token, api.BaseUrl, timeout ?? TimeSpan.FromSeconds(5)), new CommandIntake(TimeProvider.System), log);
}
