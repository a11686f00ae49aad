using ChatOpsWatch.Domain.Notifications;
using ChatOpsWatch.Domain.Ports;

namespace ChatOpsWatch.Infrastructure.Tests.Incidents;

/// <summary>Passes sends and edits to a real sender; the first edit goes through to Telegram, then the process "dies".</summary>
public sealed class CrashingSender(IMessageSender inner) : IMessageSender
{
    public Task<SendOutcome> SendAsync(long chatId, OutboxMessage message, CancellationToken ct) => inner.SendAsync(chatId, message, ct);

    public async Task<SendOutcome> EditAsync(long chatId, long messageId, OutboxMessage message, CancellationToken ct)
    {
        await inner.EditAsync(chatId, messageId, message, ct);
        throw new InvalidOperationException("the process died after Telegram accepted the edit");
    }
}
