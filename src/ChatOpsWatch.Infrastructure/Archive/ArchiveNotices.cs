using System.Globalization;
using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Domain.Notifications;
using ChatOpsWatch.Domain.Text;
using ChatOpsWatch.Infrastructure.Delivery;

namespace ChatOpsWatch.Infrastructure.Archive;

/// <summary>Tells the ops chat, through the outbox, that the archive spool reached its bound and when it has room again.</summary>
public sealed class ArchiveNotices(OutboxWriter outbox, TextCatalog texts)
{
    public Task FullAsync(long maxBytes, string lastError, long dropped, CancellationToken ct) =>
        outbox.EnqueueAsync(
            new OutboxMessage(MessageKind.Alert, Severity.Warning, texts.Format("archive.spool_full", Megabytes(maxBytes), Html.Escape(lastError), dropped)),
            ct);

    public Task RoomAsync(long dropped, DateTimeOffset since, CancellationToken ct) =>
        outbox.EnqueueAsync(
            new OutboxMessage(MessageKind.Info, Severity.None, texts.Format("archive.spool_room", dropped, since.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture))),
            ct);

    private static string Megabytes(long bytes) => (bytes / (1024.0 * 1024)).ToString("0.#", CultureInfo.InvariantCulture);
}
