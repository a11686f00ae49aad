namespace ChatOpsWatch.Domain.Chat;

/// <summary>
/// Decides whether a message may be acted upon. Pure. Runs before any command is parsed or any
/// data is read, so a refused message never causes fleet data to leave the process.
/// </summary>
public static class ChatAuthorizer
{
    /// <summary>
    /// Checks the chat, then the sender. <paramref name="changesState"/> is true for commands that
    /// change something (mute, ack); those also need an admin user.
    /// </summary>
    public static AccessDecision Check(ChatRequest req, ChatAccessPolicy policy, bool changesState)
    {
        ArgumentNullException.ThrowIfNull(req);
        ArgumentNullException.ThrowIfNull(policy);

        if (!policy.AllowedChats.Contains(req.ChatId))
        {
            return AccessDecision.Refused(RefusalReason.ChatNotAllowed);
        }

        // Checked before the sender: a forwarded "/status" is someone else's command, whoever forwards it.
        if (req.Forwarded)
        {
            return AccessDecision.Refused(RefusalReason.Forwarded);
        }

        if (req.SenderChatId is not null || req.UserId is null)
        {
            return AccessDecision.Refused(RefusalReason.AnonymousSender);
        }

        if (changesState && !policy.AdminUsers.Contains(req.UserId.Value))
        {
            return AccessDecision.Refused(RefusalReason.UserNotAdmin);
        }

        return AccessDecision.Allowed;
    }
}
