using System.Globalization;
using ChatOpsWatch.Domain.Notifications;
using ChatOpsWatch.Domain.Ports;

namespace ChatOpsWatch.Infrastructure.Delivery;

/// <summary>
/// Prints messages as plain text with a timestamp: the sender used when no bot token is configured,
/// so that a first run shows what would have been posted.
/// </summary>
public sealed class ConsoleMessageSender(TextWriter output, TimeProvider time) : IMessageSender
{
    private readonly TextWriter output = TextWriter.Synchronized(output);

    public ConsoleMessageSender(TimeProvider time)
        : this(Console.Out, time)
    {
    }

    public async Task<SendOutcome> SendAsync(long chatId, OutboxMessage message, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(message);
        ct.ThrowIfCancellationRequested();
        var stamp = time.GetUtcNow().ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var body = Html.ToPlainText(message.Html).Replace("\n", "\n    ", StringComparison.Ordinal);
        if (message.Photo is { } photo)
        {
            // A console cannot show the chart: say that one was made, and how big it is.
            body += string.Create(CultureInfo.InvariantCulture, $"\n    [PNG image, {photo.Length} bytes]");
        }

        await output.WriteLineAsync($"{stamp} {Label(message)}{Chat(chatId)}:\n    {body}");
        await output.FlushAsync(ct);
        return new SendOutcome.Sent(null);
    }

    // issue 12: a status or reply has no severity, and the console's own chat is 0; neither is worth a word on screen.
    private static string Label(OutboxMessage message) =>
        message.Severity == Domain.Alerts.Severity.None ? $"[{message.Kind}]" : $"[{message.Kind}/{message.Severity}]";

    private static string Chat(long chatId) => chatId == 0 ? string.Empty : string.Create(CultureInfo.InvariantCulture, $" chat {chatId}");
}
