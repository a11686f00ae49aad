using ChatOpsWatch.Domain.Text;

namespace ChatOpsWatch.Domain.Chat;

/// <summary>
/// One command the bot answers: the source of /help and of the menu Telegram shows (setMyCommands).
/// <see cref="Usage"/> and <see cref="Description"/> are the English texts; what users see comes from the catalogue
/// (<see cref="ChatCommands.Usage"/>, <see cref="ChatCommands.Description"/>), whose English must match them.
/// </summary>
public sealed record ChatCommandInfo(ChatCommandKind Kind, string Name, string Usage, string Description, bool ChangesState);

public static class ChatCommands
{
    public static readonly IReadOnlyList<ChatCommandInfo> All =
    [
        new(ChatCommandKind.Status, "status", "/status [node]", "fleet health, worst nodes first", ChangesState: false),
        new(ChatCommandKind.Mute, "mute", "/mute <node|tag|rule> <duration> [reason]", "silence alerts until the duration ends (admins)", ChangesState: true),
        new(ChatCommandKind.Unmute, "unmute", "/unmute <id|target>", "end a silence early (admins)", ChangesState: true),
        new(ChatCommandKind.Silences, "silences", "/silences", "list the silences in force", ChangesState: false),
        new(ChatCommandKind.Ack, "ack", "/ack <node> [rule] | #<incident>", "acknowledge firing alerts: stops their reminders (admins)", ChangesState: true),
        new(ChatCommandKind.Node, "node", "/node <node>", "one node's latest indicators and open alerts", ChangesState: false),
        new(ChatCommandKind.Nodes, "nodes", "/nodes [tag]", "list the nodes, optionally by provider, region or role", ChangesState: false),
        new(ChatCommandKind.Alerts, "alerts", "/alerts", "the open alerts, worst first", ChangesState: false),
        new(ChatCommandKind.History, "history", "/history <node> [24h]", "a node's alert history", ChangesState: false),
        new(ChatCommandKind.Maint, "maint", "/maint <target> <start> <duration> | <cron>", "schedule a maintenance window (admins)", ChangesState: true),
        new(ChatCommandKind.Chart, "chart", "/chart <node> <metric> [1h|24h|7d|30d|90d|1y]", "a chart of one indicator with its thresholds", ChangesState: false),
        new(ChatCommandKind.AddNode, "addnode", "/addnode <name> <user@host[:port]> [tags]", "add a node after confirming its host key (admins)", ChangesState: true),
        new(ChatCommandKind.RemoveNode, "removenode", "/removenode <name>", "stop monitoring a node, after confirmation (admins)", ChangesState: true),
        new(ChatCommandKind.Report, "report", "/report", "the daily report: uptime, incidents, noisy rules, expiries", ChangesState: false),
        new(ChatCommandKind.Storage, "storage", "/storage", "the database's size per tier, rows, bytes per poll and the oldest data", ChangesState: false),
        new(ChatCommandKind.Help, "help", "/help", "list the commands", ChangesState: false),
        new(ChatCommandKind.Start, "start", "/start", "say hello and show the commands", ChangesState: false),
    ];

    /// <summary>
    /// The usage line in the catalogue's language (plain text): "command.&lt;name&gt;.usage", or the English
    /// <see cref="ChatCommandInfo.Usage"/> for a command without arguments, whose usage is its name.
    /// </summary>
    public static string Usage(ChatCommandInfo command, TextCatalog texts)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(texts);
        var key = $"command.{command.Name}.usage";
        return TextCatalog.Entries.ContainsKey(key) ? texts[key] : command.Usage;
    }

    /// <summary>The description for /help and the menu (plain text), "command.&lt;name&gt;.description". Every command has one.</summary>
    public static string Description(ChatCommandInfo command, TextCatalog texts)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(texts);
        return texts[$"command.{command.Name}.description"];
    }

    public static ChatCommandInfo? Find(ChatCommandKind kind) => All.FirstOrDefault(c => c.Kind == kind);

    public static ChatCommandInfo? Find(string name) =>
        All.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));
}
