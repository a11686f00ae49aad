using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Domain.Notifications;
using ChatOpsWatch.Domain.Ports;
using ChatOpsWatch.Infrastructure.Delivery;
using Microsoft.Extensions.Time.Testing;

namespace ChatOpsWatch.Infrastructure.Tests.Delivery;

public sealed class ConsoleMessageSenderTests
{
    [Fact]
    public async Task SendAsync_HtmlMessage_PrintsTimestampedPlainText()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 3, 1, 12, 0, 5, TimeSpan.Zero));
        using var output = new StringWriter();
        var sender = new ConsoleMessageSender(output, time);

        var outcome = await sender.SendAsync(-100, new OutboxMessage(MessageKind.Alert, Severity.Critical, "🔴 CRITICAL · <b>db-1</b>\nload &gt; 8"), default);

        Assert.IsType<SendOutcome.Sent>(outcome);
        Assert.Equal("2025-03-01 12:00:05Z [Alert/Critical] chat -100:\n    🔴 CRITICAL · db-1\n    load > 8\n", output.ToString().ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task SendAsync_StatusToTheConsolesOwnChat_HasNoSeverityOrChatPrefix()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 3, 1, 12, 0, 5, TimeSpan.Zero));
        using var output = new StringWriter();
        var sender = new ConsoleMessageSender(output, time);

        await sender.SendAsync(0, new OutboxMessage(MessageKind.Status, Severity.None, "<b>Fleet</b> · 1 node"), default);

        Assert.Equal("2025-03-01 12:00:05Z [Status]:\n    Fleet · 1 node\n", output.ToString().ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task SendAsync_Photo_PrintsTheCaptionAndThePngSize()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 3, 1, 12, 0, 5, TimeSpan.Zero));
        using var output = new StringWriter();
        var sender = new ConsoleMessageSender(output, time);

        await sender.SendAsync(0, new OutboxMessage(MessageKind.Reply, Severity.None, "<b>web-1</b> · cpu.busy_pct · 24h") { Photo = new byte[2048] }, default);

        Assert.Equal("2025-03-01 12:00:05Z [Reply]:\n    web-1 · cpu.busy_pct · 24h\n    [PNG image, 2048 bytes]\n", output.ToString().ReplaceLineEndings("\n"));
    }
}
