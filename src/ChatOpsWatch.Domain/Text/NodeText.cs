using System.Globalization;
using System.Text;

namespace ChatOpsWatch.Domain.Text;

/// <summary>
/// Text that came from a node (probe output, mount and device names, SSH error messages). A broken or hostile node
/// could otherwise put terminal escapes, NULs or bidi overrides into operators' screens, logs and chats, so every
/// such string passes here before it is stored, logged or sent: control and format characters are shown as
/// escapes (<c>\x1b</c>, <c>\u202e</c>), and the text is cut to a length with "..." appended.
/// </summary>
public static class NodeText
{
    /// <summary>The default cap, in characters, of one node-originated string in a message or log line.</summary>
    public const int DefaultMax = 200;

    public static string Sanitize(string? text, int max = DefaultMax)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        if (text.Length <= max && !text.Any(NeedsEscape))
        {
            return text;
        }

        var sb = new StringBuilder(Math.Min(text.Length, max) + 8);
        foreach (var c in text)
        {
            if (sb.Length >= max)
            {
                return sb.Append("...").ToString();
            }

            if (!NeedsEscape(c))
            {
                sb.Append(c);
            }
            else if (c <= 0xFF)
            {
                sb.Append(CultureInfo.InvariantCulture, $"\\x{(int)c:x2}");
            }
            else
            {
                sb.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
            }
        }

        return sb.ToString();
    }

    private static bool NeedsEscape(char c) =>
        char.IsControl(c) || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator;
}
