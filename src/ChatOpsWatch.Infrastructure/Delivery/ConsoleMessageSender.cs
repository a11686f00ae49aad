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

        await output.WriteLineAsync($"{stamp} [{message.Kind}/{message.Severity}] chat {chatId}:\n    {body}");
        await output.FlushAsync(ct);
        return new SendOutcome.Sent(null);
    }
}
