using ChatOpsWatch.Domain.Alerts;

namespace ChatOpsWatch.Domain.Notifications;

/// <summary>
/// A message waiting to be delivered. <see cref="ChatId"/> null means the ops chat. <see cref="Html"/>
/// is Telegram HTML: every piece of outside text in it has been escaped with <see cref="Html.Escape"/>.
/// </summary>
public sealed record OutboxMessage(MessageKind Kind, Severity Severity, string Html, long? ChatId = null)
{
    /// <summary>Warnings and info arrive silently; criticals make noise.</summary>
    public bool Silent => Severity != Severity.Critical;

    /// <summary>
    /// A PNG to send with sendPhoto; <see cref="Html"/> is then its caption (Telegram: 1,024 characters). Null for text.
    /// Compared by reference, like any array in a record.
    /// </summary>
    public byte[]? Photo { get; init; }
}
