namespace ChatOpsWatch.Domain.Chat;

/// <summary>
/// The facts about one incoming message that access control needs, taken from a Telegram update.
/// </summary>
/// <param name="ChatId">Where the message was written.</param>
/// <param name="IsPrivateChat">A one-to-one chat with a user (the bot cannot leave it).</param>
/// <param name="UserId">The sending user, or null when Telegram did not name one.</param>
/// <param name="SenderChatId">Set when the message was sent on behalf of a chat (anonymous group admin, channel): no user is known.</param>
/// <param name="Forwarded">The message was forwarded from elsewhere, so its author did not send it here.</param>
public sealed record ChatRequest(long ChatId, bool IsPrivateChat, long? UserId, long? SenderChatId, bool Forwarded);
