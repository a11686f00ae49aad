using ChatOpsWatch.Domain.Notifications;
using ChatOpsWatch.Domain.Ports;

namespace ChatOpsWatch.Infrastructure.Tests.Delivery;

/// <summary>
/// Passes sends to a real sender, noting each one's fake-clock time, and can play a crash: the
/// <see cref="CrashOnSend"/>-th send goes through to Telegram, then throws before its outcome is returned.
/// </summary>
public sealed class ClockedSender(IMessageSender inner, TimeProvider time) : IMessageSender
{
    private readonly List<(DateTimeOffset At, long ChatId, string Html)> sends = [];

    public int? CrashOnSend { get; init; }

    public IReadOnlyList<(DateTimeOffset At, long ChatId, string Html)> Sends => sends;

    public async Task<SendOutcome> SendAsync(long chatId, OutboxMessage message, CancellationToken ct)
    {
        sends.Add((time.GetUtcNow(), chatId, message.Html));
        var outcome = await inner.SendAsync(chatId, message, ct);
        if (sends.Count == CrashOnSend)
        {
            throw new InvalidOperationException("the process died after Telegram accepted the message");
        }

        return outcome;
    }

    public Task<bool> ProbeAsync(CancellationToken ct) => inner.ProbeAsync(ct);
}
