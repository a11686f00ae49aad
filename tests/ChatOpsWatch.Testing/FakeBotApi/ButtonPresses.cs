using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChatOpsWatch.Testing.FakeBotApi;

/// <summary>
/// Inline buttons for tests: the buttons a message was sent with, and the callback_query update Telegram delivers when
/// somebody presses one. Kept beside the server rather than in it, as extensions over what it records.
/// </summary>
public static class ButtonPresses
{
    /// <summary>The buttons (label, callback data) of the last message sent to <paramref name="chatId"/> that had any.</summary>
    public static IReadOnlyList<(string Label, string Data)> LastButtons(this FakeBotApiServer api, long chatId)
    {
        ArgumentNullException.ThrowIfNull(api);
        var call = api.Calls.LastOrDefault(c => string.Equals(c.Method, "sendMessage", StringComparison.OrdinalIgnoreCase)
            && c.Number("chat_id") == chatId && c.Param("reply_markup") is not null)
            ?? throw new InvalidOperationException($"no message with buttons was sent to chat {chatId}");
        using var doc = JsonDocument.Parse(call.Param("reply_markup")!);
        return [.. doc.RootElement.GetProperty("inline_keyboard").EnumerateArray()
            .SelectMany(row => row.EnumerateArray())
            .Select(b => (b.GetProperty("text").GetString()!, b.GetProperty("callback_data").GetString()!))];
    }

    /// <summary>Queues the press of a button with <paramref name="data"/> under the bot's message <paramref name="messageId"/>; returns the update id.</summary>
    public static int EnqueueButtonPress(this FakeBotApiServer api, long chatId, long userId, int messageId, string data)
    {
        ArgumentNullException.ThrowIfNull(api);
        var now = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds();
        var bot = FakeJson.User(api.BotId, "Fake Ops", api.BotUsername, isBot: true);
        return api.EnqueueRaw(new JsonObject
        {
            ["callback_query"] = new JsonObject
            {
                ["id"] = Guid.NewGuid().ToString("N"),
                ["from"] = FakeJson.User(userId, $"user{userId}", $"user{userId}"),
                ["message"] = FakeJson.Message(messageId, now, chatId, FakeJson.ChatType(chatId), bot, "(prompt)"),
                ["chat_instance"] = "4242",
                ["data"] = data,
            },
        });
    }
}
