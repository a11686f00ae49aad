namespace ChatOpsWatch.Testing.FakeBotApi;

/// <summary>Checks Telegram HTML the way the Bot API does: only supported tags, properly nested and closed.</summary>
public static class FakeHtml
{
    private static readonly HashSet<string> Supported = new(StringComparer.Ordinal)
    {
        "b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "span", "tg-spoiler", "a", "code", "pre",
        "blockquote", "tg-emoji",
    };

    /// <summary>Null when valid, else Telegram's "can't parse entities" reason.</summary>
    public static string? Problem(string html)
    {
        var open = new Stack<string>();
        for (var i = 0; i < html.Length; i++)
        {
            if (html[i] == '>')
            {
                return $"Unexpected end tag at byte offset {i}";
            }

            if (html[i] != '<')
            {
                continue;
            }

            var end = html.IndexOf('>', i);
            if (end < 0)
            {
                return $"Unclosed start tag at byte offset {i}";
            }

            var inner = html[(i + 1)..end];
            var closing = inner.StartsWith('/');
            var name = (closing ? inner[1..] : inner).Split(' ', 2)[0].ToLowerInvariant();
            if (!Supported.Contains(name))
            {
                return $"Unsupported start tag \"{name}\" at byte offset {i}";
            }

            if (!closing)
            {
                open.Push(name);
            }
            else if (open.Count == 0 || open.Pop() != name)
            {
                return $"Unmatched end tag at byte offset {i}, expected \"</{name}>\"";
            }

            i = end;
        }

        return open.Count > 0 ? $"Can't find end tag corresponding to start tag \"{open.Peek()}\"" : null;
    }
}
