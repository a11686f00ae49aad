using ChatOpsWatch.Domain.Chat;
using ChatOpsWatch.Infrastructure.Telegram;

namespace ChatOpsWatch.Infrastructure.Chat;

/// <summary>
/// A command as the handlers see it, after access was checked (for a command that changes state: the
/// sender is an admin). <c>Who</c> is "@user (id)" for replies and the audit log. <c>ThreadId</c> is the forum
/// topic the command came from, so the reply lands in the same topic.
/// </summary>
public sealed record CommandContext(ChatCommand Command, ChatRequest Request, string Who, long UpdateId, int? ThreadId);

/// <summary>
/// Answers some <see cref="ChatCommandKind"/>s. Registered in DI; <see cref="ChatUpdateHandler"/> routes each
/// allowed command to the handler that lists its kind. Replies go through the outbox (OutboxWriter).
/// </summary>
public interface IChatCommandHandler
{
    IReadOnlyCollection<ChatCommandKind> Kinds { get; }

    Task HandleAsync(CommandContext context, CancellationToken ct);
}

/// <summary>
/// An inline-button press after its chat was checked. <c>ChangesState</c> tells whether the press needs an admin.
/// The handler returns the short toast shown to the presser (answerCallbackQuery), or null for none.
/// </summary>
public sealed record CallbackContext(CallbackData Data, long ChatId, int? MessageId, int? ThreadId, long UserId, string Who, long UpdateId);

/// <summary>Handles the inline buttons whose callback data starts with one of <see cref="Actions"/>.</summary>
public interface ICallbackHandler
{
    IReadOnlyCollection<string> Actions { get; }

    /// <summary>Whether pressing this button changes state (needs an admin). Read-only buttons (Chart, Details) do not.</summary>
    bool ChangesState(CallbackData data);

    Task<string?> HandleAsync(CallbackContext context, CancellationToken ct);
}
