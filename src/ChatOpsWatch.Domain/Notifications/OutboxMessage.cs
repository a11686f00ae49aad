using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Domain.Incidents;

namespace ChatOpsWatch.Domain.Notifications;

/// <summary>
/// A message waiting to be delivered. <see cref="ChatId"/> null means the ops chat. <see cref="Html"/>
/// is Telegram HTML: every piece of outside text in it has been escaped with <see cref="Html.Escape"/>.
/// </summary>
public sealed record OutboxMessage(MessageKind Kind, Severity Severity, string Html, long? ChatId = null)
{
    /// <summary>
    /// An answer to a person's command (<see cref="MessageKind.Reply"/>, or <see cref="MessageKind.Status"/> for /status):
    /// it is delivered before queued warnings and may use the group budget kept for answers.
    /// </summary>
    public bool AnswersCommand => Kind is MessageKind.Reply or MessageKind.Status;

    /// <summary>Warnings and info arrive silently; criticals make noise.</summary>
    public bool Silent => Severity != Severity.Critical;

    /// <summary>
    /// A PNG to send with sendPhoto; <see cref="Html"/> is then its caption (Telegram: 1,024 characters). Null for text.
    /// Compared by reference, like any array in a record.
    /// </summary>
    public byte[]? Photo { get; init; }

    /// <summary>The forum topic (message_thread_id); null: the chat's main thread (for the ops chat: Telegram:OpsThreadId).</summary>
    public int? ThreadId { get; init; }

    /// <summary>Rows of inline buttons; null or empty: none (an edit without buttons removes them).</summary>
    public IReadOnlyList<IReadOnlyList<InlineButton>>? Buttons { get; init; }

    /// <summary>The message this one answers (reply_parameters), set at delivery; a missing target is ignored.</summary>
    public long? ReplyToMessageId { get; init; }

    /// <summary>
    /// Set when the message is an incident's change (a poll's alert): <see cref="IncidentLifecycle"/> then opens or moves
    /// the incident and renders the send, edit or reply of its one message, which the store writes instead of this text
    /// (kept only when there is no incident to resolve). Not persisted itself.
    /// </summary>
    public IncidentNotice? Incident { get; init; }
}
