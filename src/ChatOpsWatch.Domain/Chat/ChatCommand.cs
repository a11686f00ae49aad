namespace ChatOpsWatch.Domain.Chat;

public enum ChatCommandKind
{
    Start,
    Help,
    Status,
    Mute,
    Unmute,
    Silences,
    Ack,
    Node,
    Nodes,
    Alerts,
    History,
    Maint,
    Chart,
    AddNode,
    RemoveNode,
    Report,
    Storage,

    /// <summary>A command addressed to this bot (or unaddressed) that it does not know.</summary>
    Unknown,
}

/// <summary>
/// A parsed chat command. <c>Name</c> is the command as written, lower-cased, without '/' and '@bot'.
/// <c>Args</c> are whitespace-separated tokens, unvalidated: each command validates its own (node
/// names with NodeName.IsValid); they are data, never shell text. <c>AddressedToUs</c> means it was
/// written as /cmd@OurBot: in a group, an unaddressed unknown command may belong to another bot.
/// </summary>
public sealed record ChatCommand(ChatCommandKind Kind, string Name, IReadOnlyList<string> Args, bool AddressedToUs)
{
    /// <summary>Whether the command changes state, which needs an admin (see <see cref="ChatAuthorizer"/>).</summary>
    public bool ChangesState => ChatCommands.Find(Kind)?.ChangesState ?? false;
}
