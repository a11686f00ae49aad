using System.Globalization;
using System.Text.RegularExpressions;
using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Domain.Notifications;
using ChatOpsWatch.Domain.Text;
using ChatOpsWatch.Infrastructure.Delivery;

namespace ChatOpsWatch.Infrastructure.Archive;

/// <summary>Tells the ops chat, through the outbox, that the archive spool reached its bound and when it has room again.</summary>
public sealed partial class ArchiveNotices(OutboxWriter outbox, TextCatalog texts)
{
    public Task FullAsync(long maxBytes, string lastError, long dropped, CancellationToken ct) =>
        outbox.EnqueueAsync(
            new OutboxMessage(MessageKind.Alert, Severity.Warning, texts.Format("archive.spool_full", Megabytes(maxBytes), Detail(lastError), dropped)),
            ct);

    public Task RoomAsync(long dropped, DateTimeOffset since, CancellationToken ct) =>
        outbox.EnqueueAsync(
            new OutboxMessage(MessageKind.Info, Severity.None, texts.Format("archive.spool_room", dropped, since.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture))),
            ct);

    /// <summary>
    /// The last write error as the chat sees it. InfluxDB's and the network's errors are English sentences: another
    /// language keeps the HTTP status (data) and points to the log, which has the error every minute while the spool is full.
    /// </summary>
    private string Detail(string lastError)
    {
        if (texts.Language == Language.En)
        {
            return Html.Escape(lastError);
        }

        return HttpStatus().Match(lastError) is { Success: true } status
            ? texts.Format("archive.error.status", status.Groups[1].Value)
            : texts["archive.error.in_log"];
    }

    [GeneratedRegex(@"^HTTP (\d{3})\b")]
    private static partial Regex HttpStatus();

    private static string Megabytes(long bytes) => (bytes / (1024.0 * 1024)).ToString("0.#", CultureInfo.InvariantCulture);
}
