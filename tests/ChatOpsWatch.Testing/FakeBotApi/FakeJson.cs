using System.Text.Json.Nodes;

namespace ChatOpsWatch.Testing.FakeBotApi;

/// <summary>Bot API objects as Telegram serializes them (snake_case, <c>date</c> in Unix seconds).</summary>
internal static class FakeJson
{
    /// <summary>Telegram's placeholder user for messages an anonymous group admin sends.</summary>
    public const long GroupAnonymousBotId = 1087968824;

    public static JsonObject Ok(JsonNode? result) => new() { ["ok"] = true, ["result"] = result };

    public static JsonObject Error(int code, string description, int? retryAfter = null)
    {
        var o = new JsonObject { ["ok"] = false, ["error_code"] = code, ["description"] = description };
        if (retryAfter is { } r)
        {
            o["parameters"] = new JsonObject { ["retry_after"] = r };
        }

        return o;
    }

    public static JsonObject User(long id, string firstName, string? username, bool isBot = false)
    {
        var o = new JsonObject { ["id"] = id, ["is_bot"] = isBot, ["first_name"] = firstName };
        if (username is not null)
        {
            o["username"] = username;
        }

        return o;
    }

    public static JsonObject Chat(long id, string type)
    {
        var o = new JsonObject { ["id"] = id, ["type"] = type };
        if (type == "private")
        {
            o["first_name"] = $"user{id}";
        }
        else
        {
            o["title"] = $"chat {id}";
        }

        return o;
    }

    /// <summary>Telegram's chat type for an id: private chats are positive, supergroups -100…, groups other negatives.</summary>
    public static string ChatType(long chatId) =>
        chatId > 0 ? "private" : chatId <= -1_000_000_000_000 ? "supergroup" : "group";

    public static JsonObject Message(int messageId, long unixSeconds, long chatId, string chatType, JsonObject from, string text)
    {
        var o = new JsonObject
        {
            ["message_id"] = messageId,
            ["from"] = from,
            ["date"] = unixSeconds,
            ["chat"] = Chat(chatId, chatType),
            ["text"] = text,
        };
        if (text.StartsWith('/'))
        {
            var end = text.IndexOfAny([' ', '\n']);
            o["entities"] = new JsonArray(new JsonObject
            {
                ["offset"] = 0,
                ["length"] = end < 0 ? text.Length : end,
                ["type"] = "bot_command",
            });
        }

        return o;
    }
}
