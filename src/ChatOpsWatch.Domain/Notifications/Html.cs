using System.Net;

namespace ChatOpsWatch.Domain.Notifications;

public static class Html
{
    /// <summary>Escapes the three characters Telegram's HTML parse mode requires escaped.</summary>
    public static string Escape(string text) => text.Replace("&", "&amp;", StringComparison.Ordinal)
        .Replace("<", "&lt;", StringComparison.Ordinal)
        .Replace(">", "&gt;", StringComparison.Ordinal);

    /// <summary>Turns escaped HTML back into plain text, dropping tags: the fallback when Telegram refuses the markup.</summary>
    public static string ToPlainText(string html) =>
        WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Replace(html, "<[^>]*>", string.Empty));
}
