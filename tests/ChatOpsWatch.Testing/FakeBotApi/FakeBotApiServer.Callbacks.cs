using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace ChatOpsWatch.Testing.FakeBotApi;

/// <summary>Inline buttons: pressing one, the text each message shows now, and a message deleted by a user.</summary>
public sealed partial class FakeBotApiServer
{
    private readonly ConcurrentDictionary<(long Chat, int Message), (string Text, string? Markup)> shown = new();
    private readonly ConcurrentDictionary<(long Chat, int Message), bool> deleted = new();
    private int nextCallbackId;

    /// <summary>What message <paramref name="messageId"/> of the chat shows now (after its edits), or null when the bot never sent it.</summary>
    public SentMessage? Current(long chatId, int messageId) =>
        Edits.LastOrDefault(m => m.ChatId == chatId && m.MessageId == messageId)
        ?? Sent.FirstOrDefault(m => m.ChatId == chatId && m.MessageId == messageId);

    /// <summary>A user deleted the message: later edits of it fail with "message to edit not found".</summary>
    public void DeleteMessage(long chatId, int messageId) => deleted[(chatId, messageId)] = true;

    /// <summary>
    /// Queues the callback_query Telegram sends when <paramref name="userId"/> presses a button with
    /// <paramref name="data"/> under message <paramref name="messageId"/>; returns the callback query's id, which
    /// answerCallbackQuery must name. The data is not checked against the message's buttons: a forged press.
    /// </summary>
    public string PressButton(long chatId, long userId, int messageId, string data, string chatType = "supergroup")
    {
        var queryId = $"cbq-{Interlocked.Increment(ref nextCallbackId)}";
        var text = Current(chatId, messageId)?.Text ?? "message";
        updates.Enqueue(_ => new JsonObject
        {
            ["callback_query"] = new JsonObject
            {
                ["id"] = queryId,
                ["from"] = FakeJson.User(userId, $"user{userId}", $"user{userId}"),
                ["message"] = FakeJson.Message(messageId, TimeProvider.System.GetUtcNow().ToUnixTimeSeconds(), chatId, chatType, BotUser(), FakeHtmlText(text)),
                ["chat_instance"] = "-4242",
                ["data"] = data,
            },
        });
        return queryId;
    }

    /// <summary>Waits for the bot's answerCallbackQuery of <paramref name="queryId"/>; returns its toast text (null: none).</summary>
    public async Task<string?> WaitForAnswerAsync(string queryId, TimeSpan? timeout = null)
    {
        var call = await WaitForCallAsync(c => string.Equals(c.Method, "answerCallbackQuery", StringComparison.OrdinalIgnoreCase) && c.Param("callback_query_id") == queryId, timeout);
        return call.Param("text");
    }

    private static string FakeHtmlText(string html) => Domain.Notifications.Html.ToPlainText(html);
}
