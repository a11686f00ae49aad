using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Domain.Notifications;
using ChatOpsWatch.Domain.Ports;
using ChatOpsWatch.Infrastructure.Telegram;
using ChatOpsWatch.Testing.FakeBotApi;
using ChatOpsWatch.Infrastructure.Chat;

namespace ChatOpsWatch.Infrastructure.Tests.Telegram;

/// <summary>Photos from the outbox go out with sendPhoto (a multipart upload) through the real Telegram.Bot client.</summary>
public sealed class TelegramPhotoSenderTests : IAsyncDisposable
{
    private const long Ops = -100200300;
    private static readonly byte[] Png = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3, 4];
    private readonly FakeBotApiServer api = FakeBotApiServer.Start();

    public ValueTask DisposeAsync() => api.DisposeAsync();

    private static OutboxMessage Chart(string caption) => new(MessageKind.Reply, Severity.None, caption) { Photo = Png };

    [Fact]
    public async Task SendAsync_Photo_UploadsTheBytesWithTheHtmlCaption()
    {
        var outcome = await Sender().SendAsync(Ops, Chart("<b>web-1</b> · cpu.busy_pct · 24h"), default);

        var photo = Assert.Single(api.Photos);
        Assert.Equal(photo.MessageId, Assert.IsType<SendOutcome.Sent>(outcome).MessageId);
        Assert.Equal(Png, photo.Bytes);
        Assert.Equal("<b>web-1</b> · cpu.busy_pct · 24h", photo.Caption);
        Assert.True(photo.DisableNotification);
        Assert.Empty(api.Sent);
    }

    [Fact]
    public async Task SendAsync_CaptionMarkupRefused_SendsThePhotoOnceMoreWithPlainCaption()
    {
        api.FailNext("sendPhoto", 1, new FakeFailure.BadRequestParse());

        await Sender().SendAsync(Ops, Chart("<b>web-1</b> &lt;x&gt;"), default);

        var photo = Assert.Single(api.Photos);
        Assert.Equal("web-1 <x>", photo.Caption);
        Assert.Null(photo.ParseMode);
    }

    [Fact]
    public async Task SendAsync_PhotoRateLimited_ComesBackToTheOutbox()
    {
        api.FailNext("sendPhoto", 1, new FakeFailure.TooManyRequests(3));

        var outcome = await Sender().SendAsync(Ops, Chart("x"), default);

        Assert.Equal(TimeSpan.FromSeconds(3), Assert.IsType<SendOutcome.RateLimited>(outcome).RetryAfter);
        Assert.Empty(api.Photos);
    }

    private TelegramMessageSender Sender() => new(
        TelegramClientFactory.Create(api.Token, api.BaseUrl, TimeSpan.FromSeconds(5)),
        new CommandIntake(TimeProvider.System),
        Microsoft.Extensions.Logging.Abstractions.NullLogger<TelegramMessageSender>.Instance);
}
