using System.Globalization;
using ChatOpsWatch.Domain.Notifications;
using ChatOpsWatch.Domain.Text;

namespace ChatOpsWatch.Domain.Chat.NodeAdmin;

/// <summary>The chat texts of /addnode and /removenode as Telegram HTML. Every outside value is escaped here.</summary>
public static class NodeAdminReplies
{
    /// <summary>Chat input is cut before it is echoed, so a 300-character attack is not mirrored whole.</summary>
    public const int MaxEcho = 60;

    public static string Refused(TextCatalog text, NodeAddProblem problem)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(problem);
        return Refused(text, text.Format(problem.TextKey, Echo(problem.Given)));
    }

    /// <summary><paramref name="reasonHtml"/> is a catalogue text already filled and escaped.</summary>
    public static string Refused(TextCatalog text, string reasonHtml)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Format("nodeadmin.add.refused", reasonHtml);
    }

    public static string AddPrompt(TextCatalog text, NodeAddRequest node, string algorithm, string fingerprint, TimeSpan expiresIn)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(node);
        return text.Format(
            "nodeadmin.add.prompt",
            Html.Escape(node.Name),
            Html.Escape(node.Target),
            Html.Escape(algorithm),
            Html.Escape(fingerprint),
            Html.Escape(node.Info.TagLine),
            Html.Escape(node.KeyName),
            Minutes(expiresIn));
    }

    public static string Added(TextCatalog text, NodeAddRequest node, string who, string algorithm, string fingerprint)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(node);
        return text.Format(
            "nodeadmin.added",
            Html.Escape(node.Name),
            Html.Escape(node.Target),
            Html.Escape(who),
            Html.Escape(algorithm),
            Html.Escape(fingerprint),
            ((int)node.Info.Interval.TotalSeconds).ToString(CultureInfo.InvariantCulture));
    }

    public static string RemovePrompt(TextCatalog text, string name, string target, TimeSpan expiresIn)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Format("nodeadmin.remove.prompt", Html.Escape(name), Html.Escape(target), Minutes(expiresIn));
    }

    /// <summary>A text of the catalogue whose placeholders are all names or "who": escaped here.</summary>
    public static string Named(TextCatalog text, string key, params string[] values)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(values);
        return text.Format(key, [.. values.Select(v => (object)Html.Escape(v))]);
    }

    public static string Echo(string given)
    {
        ArgumentNullException.ThrowIfNull(given);
        var cut = given.Length > MaxEcho ? given[..MaxEcho] + "…" : given;
        return Html.Escape(new string([.. cut.Select(c => char.IsControl(c) ? '␤' : c)]));
    }

    private static string Minutes(TimeSpan span) =>
        Math.Max(1, (int)Math.Ceiling(span.TotalMinutes)).ToString(CultureInfo.InvariantCulture);
}
