using System.Text;
using ChatOpsWatch.Domain.Notifications;

namespace ChatOpsWatch.Infrastructure.Telegram;

/// <summary>
/// Splits Telegram HTML longer than a message allows into valid pieces: cuts at a line break when
/// one is in reach, never inside a tag, an entity or a surrogate pair, and closes the open tags at
/// the end of a piece and reopens them at the start of the next. Lengths are counted on the HTML,
/// which is never shorter than the text Telegram counts, so every piece fits.
/// </summary>
public static class TelegramHtmlSplitter
{
    public const int MaxLength = 4096;

    public static IReadOnlyList<string> Split(string html, int maxLength = MaxLength)
    {
        ArgumentNullException.ThrowIfNull(html);
        if (html.Length <= maxLength)
        {
            return [html];
        }

        var units = TelegramHtmlUnits.Tokenize(html);
        var chunks = new List<string>();
        var open = new List<TelegramHtmlUnits.Unit>();
        var sb = new StringBuilder();
        var start = 0;
        var prefix = Begin(sb, open);
        (int Unit, int Length, List<TelegramHtmlUnits.Unit> Open)? lastBreak = null;
        for (var i = 0; i < units.Count;)
        {
            var unit = units[i];
            var next = TelegramHtmlUnits.Apply(open, unit);
            var fits = sb.Length + unit.Text.Length + TelegramHtmlUnits.ClosingLength(next) <= maxLength;
            if (fits || sb.Length == prefix)
            {
                // A unit that does not fit even alone goes in anyway, so the split always progresses.
                if (unit.IsLineBreak)
                {
                    lastBreak = (i, sb.Length, open);
                }

                sb.Append(unit.Text);
                open = next;
                i++;
                continue;
            }

            if (lastBreak is { } cut && cut.Unit > start)
            {
                sb.Length = cut.Length;
                open = cut.Open;
                i = cut.Unit + 1;
            }

            Emit(chunks, sb, open);
            start = i;
            prefix = Begin(sb, open);
            lastBreak = null;
        }

        Emit(chunks, sb, open);
        return chunks;
    }

    /// <summary>Splits plain text (the fallback when markup was refused) at line breaks where possible.</summary>
    public static IReadOnlyList<string> SplitPlain(string text, int maxLength = MaxLength) =>
        Split(Html.Escape(text), maxLength).Select(Html.ToPlainText).ToList();

    private static int Begin(StringBuilder sb, List<TelegramHtmlUnits.Unit> open)
    {
        sb.Clear();
        foreach (var tag in open)
        {
            sb.Append(tag.Text);
        }

        return sb.Length;
    }

    private static void Emit(List<string> chunks, StringBuilder sb, List<TelegramHtmlUnits.Unit> open)
    {
        for (var k = open.Count - 1; k >= 0; k--)
        {
            sb.Append("</").Append(open[k].TagName).Append('>');
        }

        var chunk = sb.ToString();

        // Telegram refuses a message with no visible text; a piece of bare tags or line breaks carries nothing.
        if (!string.IsNullOrWhiteSpace(Html.ToPlainText(chunk)))
        {
            chunks.Add(chunk);
        }
    }
}
