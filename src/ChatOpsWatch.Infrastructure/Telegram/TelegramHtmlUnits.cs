namespace ChatOpsWatch.Infrastructure.Telegram;

/// <summary>Cuts Telegram HTML into pieces that must not be split: tags, entities, surrogate pairs, characters.</summary>
internal static class TelegramHtmlUnits
{
    /// <summary>Longest entity we recognise as one, such as <c>&amp;#x1F534;</c>.</summary>
    private const int MaxEntityLength = 10;

    public static List<Unit> Tokenize(string html)
    {
        var units = new List<Unit>();
        for (var i = 0; i < html.Length;)
        {
            var length = html[i] switch
            {
                '<' when html.IndexOf('>', i) is var end and > 0 => end - i + 1,
                '&' when html.IndexOf(';', i) is var semi and > 0 && semi - i <= MaxEntityLength => semi - i + 1,
                _ when char.IsHighSurrogate(html[i]) && i + 1 < html.Length && char.IsLowSurrogate(html[i + 1]) => 2,
                _ => 1,
            };
            units.Add(new Unit(html.Substring(i, length)));
            i += length;
        }

        return units;
    }

    /// <summary>The open tags after <paramref name="unit"/>; a new list when it changes, so earlier snapshots stay valid.</summary>
    public static List<Unit> Apply(List<Unit> open, Unit unit)
    {
        if (unit.IsOpeningTag)
        {
            return [.. open, unit];
        }

        if (unit.IsClosingTag && open.Count > 0 && open[^1].TagName == unit.TagName)
        {
            return open[..^1];
        }

        return open;
    }

    public static int ClosingLength(List<Unit> open) => open.Sum(t => t.TagName.Length + 3);

    internal sealed record Unit(string Text)
    {
        public bool IsLineBreak => Text == "\n";

        public bool IsClosingTag => Text.StartsWith("</", StringComparison.Ordinal) && Text.EndsWith('>');

        public bool IsOpeningTag => Text.Length > 2 && Text[0] == '<' && !IsClosingTag && Text.EndsWith('>') && !Text.EndsWith("/>", StringComparison.Ordinal);

        public string TagName
        {
            get
            {
                var inner = Text.TrimStart('<', '/').TrimEnd('>');
                var space = inner.IndexOfAny([' ', '\t', '\n']);
                return (space < 0 ? inner : inner[..space]).ToLowerInvariant();
            }
        }
    }
}
