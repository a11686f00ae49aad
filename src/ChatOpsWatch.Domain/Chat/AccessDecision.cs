namespace ChatOpsWatch.Domain.Chat;

public enum RefusalReason
{
    /// <summary>The chat is not on the allowlist.</summary>
    ChatNotAllowed,

    /// <summary>The command changes state and the user is not an admin.</summary>
    UserNotAdmin,

    /// <summary>Sent on behalf of a chat (anonymous admin, channel): nobody to hold accountable.</summary>
    AnonymousSender,

    /// <summary>A forwarded message is somebody else's words, never a command.</summary>
    Forwarded,
}

/// <summary>The verdict of <see cref="ChatAuthorizer.Check"/>: allowed, or refused with a reason.</summary>
/// <param name="Refusal">Null when allowed.</param>
public sealed record AccessDecision(RefusalReason? Refusal)
{
    public static readonly AccessDecision Allowed = new((RefusalReason?)null);

    public bool IsAllowed => Refusal is null;

    public static AccessDecision Refused(RefusalReason reason) => new(reason);
}
