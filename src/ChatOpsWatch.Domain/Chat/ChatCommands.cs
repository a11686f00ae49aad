namespace ChatOpsWatch.Domain.Chat;

/// <summary>One command the bot answers: the source of /help and of the menu Telegram shows (setMyCommands).</summary>
public sealed record ChatCommandInfo(ChatCommandKind Kind, string Name, string Usage, string Description, bool ChangesState);

public static class ChatCommands
{
    public static readonly IReadOnlyList<ChatCommandInfo> All =
    [
        new(ChatCommandKind.Status, "status", "/status [node]", "fleet health, worst nodes first", ChangesState: false),
        new(ChatCommandKind.Mute, "mute", "/mute <node|tag|rule> <duration> [reason]", "silence alerts until the duration ends (admins)", ChangesState: true),
        new(ChatCommandKind.Unmute, "unmute", "/unmute <id|target>", "end a silence early (admins)", ChangesState: true),
        new(ChatCommandKind.Silences, "silences", "/silences", "list the silences in force", ChangesState: false),
        new(ChatCommandKind.Ack, "ack", "/ack <node> [rule]", "acknowledge firing alerts: stops their reminders (admins)", ChangesState: true),
        new(ChatCommandKind.Help, "help", "/help", "list the commands", ChangesState: false),
        new(ChatCommandKind.Start, "start", "/start", "say hello and show the commands", ChangesState: false),
    ];

    public static ChatCommandInfo? Find(ChatCommandKind kind) => All.FirstOrDefault(c => c.Kind == kind);

    public static ChatCommandInfo? Find(string name) =>
        All.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));
}
