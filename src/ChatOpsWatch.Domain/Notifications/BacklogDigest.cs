using System.Text;
using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Domain.Text;

namespace ChatOpsWatch.Domain.Notifications;

/// <summary>
/// Writes the digests that replace a chat's backlog: one line per folded message, in the order they
/// were queued, each digest one Telegram message (at most 4096 characters of HTML). Pure: storage picks the rows
/// and persists the digests rendered here.
/// </summary>
public static class BacklogDigest
{
    /// <summary>Characters of a message's plain text kept on its line; the rest is cut with "…".</summary>
    public const int MaxLineChars = 300;

    /// <summary>Telegram's limit for a message's text (the same as the sender's splitter).</summary>
    public const int MaxMessageChars = 4096;

    private const int HeaderReserve = 160;

    /// <summary>Only messages less severe than this are folded: a critical rings on its own, however long the backlog.</summary>
    public static Severity FoldsBelow => Severity.Critical;

    /// <summary>
    /// The digest messages that replace <paramref name="messages"/> (one chat's backlog, oldest first): of their kind when
    /// they share one, else info; as severe as the worst of them; to the chat of the first.
    /// </summary>
    public static IReadOnlyList<OutboxMessage> Fold(IReadOnlyList<OutboxMessage> messages, TextCatalog texts)
    {
        ArgumentNullException.ThrowIfNull(messages);
        if (messages.Count == 0)
        {
            return [];
        }

        var kind = messages.Select(m => m.Kind).Distinct().Count() == 1 ? messages[0].Kind : MessageKind.Info;
        var severity = messages.Max(m => m.Severity);
        return [.. Compose(messages, texts).Select(html => new OutboxMessage(kind, severity, html, messages[0].ChatId))];
    }

    /// <summary>The digests' HTML for <paramref name="messages"/> (oldest first); empty for no messages.</summary>
    public static IReadOnlyList<string> Compose(IReadOnlyList<OutboxMessage> messages, TextCatalog texts)
    {
        ArgumentNullException.ThrowIfNull(messages);
        ArgumentNullException.ThrowIfNull(texts);
        var bodies = new List<(StringBuilder Text, int Count)>();
        foreach (var line in messages.Select(Line))
        {
            if (bodies.Count == 0 || bodies[^1].Text.Length + line.Length > MaxMessageChars - HeaderReserve)
            {
                bodies.Add((new StringBuilder(), 0));
            }

            bodies[^1] = (bodies[^1].Text.Append(line), bodies[^1].Count + 1);
        }

        return [.. bodies.Select((b, i) => Header(texts, messages.Count, b.Count, i + 1, bodies.Count) + b.Text.ToString().TrimEnd('\n'))];
    }

    private static string Header(TextCatalog texts, int total, int here, int part, int parts) =>
        texts.Format("delivery.digest.header", total, parts > 1 ? texts.Format("delivery.digest.part", part, parts, here) : "") + "\n";

    private static string Line(OutboxMessage message)
    {
        var flat = string.Join(" · ", Html.ToPlainText(message.Html)
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return "• " + Html.Escape(Cut(flat, MaxLineChars)) + "\n";
    }

    /// <summary>Cuts to at most <paramref name="max"/> characters without splitting a surrogate pair.</summary>
    private static string Cut(string text, int max)
    {
        if (text.Length <= max)
        {
            return text;
        }

        var end = max - 1;
        if (char.IsHighSurrogate(text[end - 1]))
        {
            end--;
        }

        return text[..end] + "…";
    }
}
