namespace ChatOpsWatch.Infrastructure.Delivery;

/// <summary>The visible first line of a message resent because its earlier send had no known outcome.</summary>
public static class PossibleDuplicate
{
    /// <summary>A complete element and a line break: put in front of valid Telegram HTML, the result stays valid.</summary>
    public const string Marker = "♻️ <i>possible duplicate (resent after a restart)</i>\n";

    /// <summary>Puts the marker in front of <paramref name="html"/> once; a marked message is not marked again.</summary>
    public static string Mark(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        return html.StartsWith(Marker, StringComparison.Ordinal) ? html : Marker + html;
    }
}
