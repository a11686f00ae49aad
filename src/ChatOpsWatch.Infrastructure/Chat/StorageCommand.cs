using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Domain.Chat;
using ChatOpsWatch.Domain.Notifications;
using ChatOpsWatch.Domain.Ports;
using ChatOpsWatch.Domain.Storage;
using ChatOpsWatch.Domain.Text;
using ChatOpsWatch.Infrastructure.Delivery;
using Microsoft.Extensions.Logging;

namespace ChatOpsWatch.Infrastructure.Chat;

/// <summary>/storage (issue 14): the short form of <c>chatopswatch storage</c>: size on disk, each tier's rows, size and oldest data, bytes per poll.</summary>
public sealed class StorageCommand(IStorageStats stats, OutboxWriter replies, TextCatalog text, ILogger<StorageCommand> logger) : IChatCommandHandler
{
    public IReadOnlyCollection<ChatCommandKind> Kinds { get; } = [ChatCommandKind.Storage];

    public async Task HandleAsync(CommandContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        string html;
        try
        {
            html = StorageSummary.Format(await stats.ReadAsync(ct), text);
        }
        catch (StorageException e)
        {
            logger.LogError(e, "/storage in chat {ChatId}: the store could not be read", context.Request.ChatId);
            html = text["storage.unavailable"];
        }

        await replies.EnqueueAsync(new OutboxMessage(MessageKind.Reply, Severity.None, html, context.Request.ChatId) { ThreadId = context.ThreadId }, ct);
    }
}
