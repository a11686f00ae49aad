using System.Globalization;
using System.Text;
using ChatOpsWatch.Domain.Notifications;
using ChatOpsWatch.Domain.Text;

namespace ChatOpsWatch.Domain.Chat;

/// <summary>The bot's fixed answers, as Telegram HTML, in the catalogue's language. None of them carries fleet data.</summary>
public static class ChatReplies
{
    public static string Help(bool greeting, TextCatalog texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var sb = new StringBuilder();
        if (greeting)
        {
            sb.Append("👋 ");
        }

        sb.Append(texts["chat.help.intro"]).Append('\n');
        foreach (var c in ChatCommands.All)
        {
            sb.Append(CultureInfo.InvariantCulture, $"\n{Html.Escape(ChatCommands.Usage(c, texts))} — {Html.Escape(ChatCommands.Description(c, texts))}");
        }

        return sb.ToString();
    }

    /// <summary>What a refused sender is told. Only a private chat that is not allowed learns its own chat id, which an operator needs to allow it.</summary>
    public static string Refusal(RefusalReason reason, long chatId, string command, TextCatalog texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        return reason switch
        {
            RefusalReason.ChatNotAllowed => texts.Format("chat.refusal.chat_not_allowed", chatId.ToString(CultureInfo.InvariantCulture)),
            RefusalReason.Forwarded => texts["chat.refusal.forwarded"],
            RefusalReason.AnonymousSender => texts["chat.refusal.anonymous"],
            _ => texts.Format("chat.refusal.not_admin", Html.Escape(command)),
        };
    }

    /// <summary>What the asker is told when a command failed unexpectedly; the cause is logged.</summary>
    public static string CommandFailed(string command, TextCatalog texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        return texts.Format("chat.command_failed", Html.Escape(command));
    }

    public static string UnknownCommand(string command, TextCatalog texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        return texts.Format("chat.unknown_command", Html.Escape(command));
    }

    public static string InvalidNodeName(string given, TextCatalog texts)
    {
        ArgumentNullException.ThrowIfNull(given);
        ArgumentNullException.ThrowIfNull(texts);
        var shown = given.Length > 60 ? given[..60] + "…" : given;
        return texts.Format("chat.invalid_node", Html.Escape(shown), Html.Escape(texts["chat.node_name_rule"]));
    }

    public static string UnknownNode(string name, TextCatalog texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        return texts.Format("chat.unknown_node", Html.Escape(name));
    }

    /// <summary>The toast (plain text, not HTML) shown to someone whose button press was refused.</summary>
    public static string ButtonRefused(RefusalReason reason, TextCatalog texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        return reason switch
        {
            RefusalReason.ChatNotAllowed => texts["chat.button.refused.chat"],
            RefusalReason.UserNotAdmin => texts["chat.button.refused.admin"],
            _ => texts["chat.button.refused"],
        };
    }

    /// <summary>The toast for a button the bot no longer knows (an old message, or forged data).</summary>
    public static string ButtonUnknown(TextCatalog texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        return texts["chat.button.unknown"];
    }

    public static string StatusUnavailable(TextCatalog texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        return texts["chat.status_unavailable"];
    }
}
