namespace ChatOpsWatch.Domain.Chat;

/// <summary>One command the bot answers: the source of /help and of the menu Telegram shows (setMyCommands).</summary>
public sealed record ChatCommandInfo(ChatCommandKind Kind, string Name, string Usage, string Description, bool ChangesState);

public static class ChatCommands
{
    public static readonly IReadOnlyList<ChatCommandInfo> All =
    [
        new(ChatCommandKind.Status, "status", "/status [node]", "fleet health, worst nodes first", ChangesState: false),
        new(ChatCommandKind.Help, "help", "/help", "list the commands", ChangesState: false),
        new(ChatCommandKind.Start, "start", "/start", "say hello and show the commands", ChangesState: false),
    ];

    public static ChatCommandInfo? Find(ChatCommandKind kind) => All.FirstOrDefault(c => c.Kind == kind);

    public static ChatCommandInfo? Find(string name) =>
        All.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));
}
