using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using ChatOpsWatch.Testing.FakeBotApi;

namespace ChatOpsWatch.Infrastructure.Tests.Telegram;

/// <summary>
/// Records a chat as people see it: who wrote what, then the bot's new messages and edits since the last look, as
/// plain text with the buttons under them ([Ack] [Mute 1h]), in Markdown for docs/first-contact.md.
/// </summary>
internal sealed partial class Transcript(FakeBotApiServer api, long opsChat)
{
    private readonly StringBuilder text = new();
    private int sent;
    private int edits;

    public void Narrate(string line) => text.Append(line).Append("\n\n");

    public void User(string who, string message) => Block($"{who} › {message}");

    public void Toast(string who, string button, string? toast) => Block($"{who} presses [{button}]\n🤖 toast: {toast}");

    /// <summary>Appends what the bot sent to <paramref name="chatId"/> (the ops chat when null) and edited since the last call.</summary>
    public void Record(long? chatId = null)
    {
        var chat = chatId ?? opsChat;
        var all = api.Sent;
        var allEdits = api.Edits;
        foreach (var m in all.Skip(sent).Where(m => m.ChatId == chat))
        {
            Block(Bot(m.ReplyTo is null ? "bot" : $"bot, replying to message {m.ReplyTo}", m.Text, m.ReplyMarkup));
        }

        foreach (var e in allEdits.Skip(edits).Where(m => m.ChatId == chat))
        {
            Block(Bot($"bot edits message {e.MessageId}", e.Text, e.ReplyMarkup));
        }

        sent = all.Count;
        edits = allEdits.Count;
    }

    public string ToMarkdown() => text.ToString().TrimEnd() + "\n";

    /// <summary>Telegram's HTML as the reader sees it: tags dropped, entities decoded.</summary>
    public static string Plain(string html) => System.Net.WebUtility.HtmlDecode(Tag().Replace(html, string.Empty));

    private static string Bot(string who, string html, string? markup)
    {
        var body = string.Join('\n', Plain(html).Split('\n').Select(l => ("  " + l).TrimEnd()));
        var buttons = Buttons(markup);
        return buttons.Length == 0 ? $"{who} ›\n{body}" : $"{who} ›\n{body}\n{buttons}";
    }

    private static string Buttons(string? markup)
    {
        if (string.IsNullOrEmpty(markup))
        {
            return string.Empty;
        }

        using var doc = JsonDocument.Parse(markup);
        if (!doc.RootElement.TryGetProperty("inline_keyboard", out var rows))
        {
            return string.Empty;
        }

        return string.Join('\n', rows.EnumerateArray().Select(row => "  " + string.Join(' ', row.EnumerateArray().Select(b => $"[{b.GetProperty("text").GetString()}]"))));
    }

    private void Block(string content) => text.Append("```text\n").Append(content).Append("\n```\n\n");

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tag();
}
