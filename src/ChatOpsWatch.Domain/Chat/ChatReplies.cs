using System.Globalization;
using System.Text;
using ChatOpsWatch.Domain.Nodes;
using ChatOpsWatch.Domain.Notifications;

namespace ChatOpsWatch.Domain.Chat;

/// <summary>The bot's fixed answers, as Telegram HTML. None of them carries fleet data.</summary>
public static class ChatReplies
{
    public static string Help(bool greeting)
    {
        var sb = new StringBuilder();
        if (greeting)
        {
            sb.Append("👋 ");
        }

        sb.Append("<b>ChatOpsWatch</b> watches the fleet over SSH and posts alerts to the ops chat.\n");
        foreach (var c in ChatCommands.All)
        {
            sb.Append(CultureInfo.InvariantCulture, $"\n{Html.Escape(c.Usage)} — {Html.Escape(c.Description)}");
        }

        return sb.ToString();
    }

    /// <summary>What a refused sender is told. Only a private chat that is not allowed learns its own chat id, which an operator needs to allow it.</summary>
    public static string Refusal(RefusalReason reason, long chatId, string command) => reason switch
    {
        RefusalReason.ChatNotAllowed =>
            $"This bot answers only the chats it is configured for. This chat's id is <code>{chatId.ToString(CultureInfo.InvariantCulture)}</code>: an operator can add it to the allowlist.",
        RefusalReason.Forwarded => "Forwarded commands are ignored: send the command yourself.",
        RefusalReason.AnonymousSender => "Commands sent anonymously or on behalf of a channel are ignored: send it as yourself so that access can be checked.",
        _ => $"Only admins may run /{Html.Escape(command)}.",
    };

    /// <summary>What the asker is told when a command failed unexpectedly; the cause is logged.</summary>
    public static string CommandFailed(string command) =>
        $"⚠️ /{Html.Escape(command)} failed inside the monitor. The cause is in the monitor's log.";

    public static string UnknownCommand(string command) =>
        $"Unknown command /{Html.Escape(command)}. /help lists the commands.";

    public static string InvalidNodeName(string given) =>
        $"Not a node name: <code>{Html.Escape(given.Length > 60 ? given[..60] + "…" : given)}</code>. Node names are {Html.Escape(NodeName.Rule)}.";

    public static string UnknownNode(string name) => $"No node named <b>{Html.Escape(name)}</b>. /status lists them all.";

    /// <summary>The toast (plain text, not HTML) shown to someone whose button press was refused.</summary>
    public static string ButtonRefused(RefusalReason reason) => reason switch
    {
        RefusalReason.ChatNotAllowed => "This bot answers only the chats it is configured for.",
        RefusalReason.UserNotAdmin => "Only admins may press this button.",
        _ => "This button press was refused.",
    };

    /// <summary>The toast for a button the bot no longer knows (an old message, or forged data).</summary>
    public const string ButtonUnknown = "This button is no longer valid.";

    public const string StatusUnavailable = "⚠️ Status unavailable: the monitor could not read its store. The cause is in the monitor's log.";
}
