using ChatOpsWatch.Domain.Text;

namespace ChatOpsWatch.Infrastructure.Delivery;

/// <summary>The visible first line of a message resent because its earlier send had no known outcome.</summary>
public static class PossibleDuplicate
{
    /// <summary>A complete element and a line break: put in front of valid Telegram HTML, the result stays valid.</summary>
    public static string Marker(TextCatalog texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        return texts["delivery.possible_duplicate"] + "\n";
    }

    /// <summary>
    /// Puts the marker in front of <paramref name="html"/> once; a message already marked (in either language,
    /// should the configured language have changed between restarts) is not marked again.
    /// </summary>
    public static string Mark(string html, TextCatalog texts)
    {
        ArgumentNullException.ThrowIfNull(html);
        var marked = html.StartsWith(Marker(TextCatalog.English), StringComparison.Ordinal)
            || html.StartsWith(Marker(TextCatalog.Chinese), StringComparison.Ordinal);
        return marked ? html : Marker(texts) + html;
    }
}
