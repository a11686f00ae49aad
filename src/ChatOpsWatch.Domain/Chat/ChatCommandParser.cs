namespace ChatOpsWatch.Domain.Chat;

/// <summary>Parses "/command[@bot] arg arg" messages. Pure.</summary>
public static class ChatCommandParser
{
    /// <summary>Telegram's own bound for command names (1-32 of a-z, 0-9, '_').</summary>
    public const int MaxNameLength = 32;

    /// <summary>
    /// More tokens than any command takes (a /mute reason is at most <see cref="MuteParser.MaxReasonWords"/> words);
    /// the rest is ignored rather than parsed, and a command that could have lost words refuses instead.
    /// </summary>
    public const int MaxArgs = 32;

    private static readonly char[] Whitespace = [' ', '\t', '\n', '\r', '\u00A0'];

    /// <summary>
    /// The command in <paramref name="text"/>, or null when the text is not a command, or is a command
    /// addressed to another bot (/status@OtherBot). <paramref name="botUsername"/> is this bot's
    /// username, with or without the leading '@'.
    /// </summary>
    public static ChatCommand? Parse(string? text, string botUsername)
    {
        ArgumentNullException.ThrowIfNull(botUsername);
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var tokens = text.Trim().Split(Whitespace, StringSplitOptions.RemoveEmptyEntries);
        var head = tokens[0];
        if (head.Length < 2 || head[0] != '/')
        {
            return null;
        }

        var at = head.IndexOf('@', StringComparison.Ordinal);
        var name = at < 0 ? head[1..] : head[1..at];
        var addressedToUs = false;
        if (at >= 0)
        {
            var target = head[(at + 1)..];
            if (!string.Equals(target, botUsername.TrimStart('@'), StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }

            addressedToUs = true;
        }

        if (!IsValidName(name))
        {
            return null;
        }

        name = name.ToLowerInvariant();
        var kind = ChatCommands.Find(name)?.Kind ?? ChatCommandKind.Unknown;
        var args = tokens.Skip(1).Take(MaxArgs).ToArray();
        return new ChatCommand(kind, name, args, addressedToUs);
    }

    private static bool IsValidName(string name) =>
        name.Length is > 0 and <= MaxNameLength && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
}
