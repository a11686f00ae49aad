using System.Globalization;
using ChatOpsWatch.Domain.Notifications;
using ChatOpsWatch.Domain.Text;

namespace ChatOpsWatch.Domain.Commands;

/// <summary>
/// The first gate for chat arguments of /chart, /maint and /nodes. Arguments are data compared with known names and
/// never reach a shell, but anything that looks like an injection attempt is refused with its reason instead of being
/// looked up, so the reply never echoes markup or control characters back. Pure.
/// </summary>
public static class ArgCheck
{
    /// <summary>Longer than any node name, metric key or time this bot takes.</summary>
    public const int MaxLength = 128;

    private const string ShellCharacters = ";|&$`\\'\"()!*?~#%^[]";

    /// <summary>Null when <paramref name="arg"/> may be looked up, else why not (Telegram HTML, escaped).</summary>
    public static string? Problem(string arg, TextCatalog text)
    {
        ArgumentNullException.ThrowIfNull(arg);
        ArgumentNullException.ThrowIfNull(text);
        if (arg.Length > MaxLength)
        {
            return text.Format("cmd.arg.too_long", Show(arg), arg.Length, MaxLength);
        }

        if (arg.Any(IsControl))
        {
            return text["cmd.arg.control"];
        }

        if (arg.Contains('<', StringComparison.Ordinal) || arg.Contains('>', StringComparison.Ordinal))
        {
            return text.Format("cmd.arg.markup", Show(arg));
        }

        if (arg.StartsWith('-'))
        {
            return text.Format("cmd.arg.option", Show(arg));
        }

        if (arg.FirstOrDefault(c => ShellCharacters.Contains(c, StringComparison.Ordinal)) is var bad and not '\0')
        {
            return text.Format("cmd.arg.shell", Show(arg), Html.Escape(bad.ToString()));
        }

        return null;
    }

    /// <summary>The first problem among <paramref name="args"/>, or null.</summary>
    public static string? FirstProblem(IEnumerable<string> args, TextCatalog text) =>
        args.Select(a => Problem(a, text)).FirstOrDefault(p => p is not null);

    /// <summary>Line breaks, control and invisible formatting characters (U+2028, bidi overrides, zero-width).</summary>
    private static bool IsControl(char c) => char.IsControl(c) || CharUnicodeInfo.GetUnicodeCategory(c) is
        UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator or UnicodeCategory.Format;

    /// <summary>The argument as the reply may quote it: cut to 24 characters and escaped.</summary>
    private static string Show(string arg) => Html.Escape(arg.Length <= 24 ? arg : arg[..24] + "…");
}
