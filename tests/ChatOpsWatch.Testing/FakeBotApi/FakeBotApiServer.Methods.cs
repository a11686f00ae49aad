using System.Text.Json;
using System.Text.Json.Nodes;
using ChatOpsWatch.Domain.Notifications;

namespace ChatOpsWatch.Testing.FakeBotApi;

public sealed partial class FakeBotApiServer
{
    private const int MaxTextLength = 4096;
    private int nextMessageId = 1000;

    /// <summary>
    /// Queues a text message from a user, as Telegram delivers it to getUpdates; returns the update id.
    /// <paramref name="chatType"/> is "private", "group" or "supergroup". <paramref name="senderChatId"/>
    /// makes it a message sent on behalf of a chat: an anonymous admin (the group itself) or a channel.
    /// <paramref name="forwarded"/> makes it a forward of somebody else's message.
    /// </summary>
    public int EnqueueMessage(long chatId, long userId, string text, string chatType = "group", long? senderChatId = null, bool forwarded = false, int? threadId = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        return updates.Enqueue(_ =>
        {
            var now = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds();
            var from = senderChatId switch
            {
                null => FakeJson.User(userId, $"user{userId}", $"user{userId}"),
                _ when senderChatId == chatId => FakeJson.User(FakeJson.GroupAnonymousBotId, "Group", "GroupAnonymousBot", isBot: true),
                _ => FakeJson.User(136817688, "Channel", "Channel_Bot", isBot: true),
            };
            var message = FakeJson.Message(Interlocked.Increment(ref nextMessageId), now, chatId, chatType, from, text);
            if (senderChatId is { } sc)
            {
                message["sender_chat"] = FakeJson.Chat(sc, sc == chatId ? chatType : "channel");
            }

            if (threadId is { } topic)
            {
                message["message_thread_id"] = topic;
                message["is_topic_message"] = true;
            }

            if (forwarded)
            {
                message["forward_origin"] = new JsonObject
                {
                    ["type"] = "user",
                    ["date"] = now - 60,
                    ["sender_user"] = FakeJson.User(999, "someone", "someone"),
                };
            }

            return new JsonObject { ["message"] = message };
        });
    }

    /// <summary>Queues the my_chat_member update Telegram sends when someone adds the bot to a group.</summary>
    public int EnqueueBotAdded(long chatId, long byUserId, string chatType = "group") => updates.Enqueue(_ => new JsonObject
    {
        ["my_chat_member"] = new JsonObject
        {
            ["chat"] = FakeJson.Chat(chatId, chatType),
            ["from"] = FakeJson.User(byUserId, $"user{byUserId}", $"user{byUserId}"),
            ["date"] = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds(),
            ["old_chat_member"] = new JsonObject { ["status"] = "left", ["user"] = BotUser() },
            ["new_chat_member"] = new JsonObject { ["status"] = "member", ["user"] = BotUser() },
        },
    });

    /// <summary>Queues any update object (its update_id is assigned here).</summary>
    public int EnqueueRaw(JsonObject update) => updates.Enqueue(_ => update);

    private async Task<(int, JsonObject)> InvokeAsync(FakeCall call)
    {
        switch (call.Method.ToLowerInvariant())
        {
            case "getme":
                return (200, FakeJson.Ok(BotUser()));
            case "getupdates":
                var timeout = TimeSpan.FromSeconds(Math.Clamp(call.Number("timeout") ?? 0, 0, 50));
                var batch = await updates.TakeAsync(call.Number("offset") ?? 0, (int)Math.Clamp(call.Number("limit") ?? 100, 1, 100), timeout, stopping.Token);
                return batch is null
                    ? (409, FakeJson.Error(409, "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running"))
                    : (200, FakeJson.Ok(batch));
            case "sendmessage":
                return SendMessage(call, edit: false);
            case "editmessagetext":
                return SendMessage(call, edit: true);
            case "sendphoto":
                return SendPhoto(call);
            case "setmycommands":
                return SetMyCommands(call);
            case "deletewebhook":
            case "setwebhook":
            case "answercallbackquery":
                return (200, FakeJson.Ok(true));
            case "leavechat":
                if (call.Number("chat_id") is not { } left)
                {
                    return (400, FakeJson.Error(400, "Bad Request: chat not found"));
                }

                leftChats.Add(left);
                return (200, FakeJson.Ok(true));
            default:
                return (404, FakeJson.Error(404, "Not Found: method not found"));
        }
    }

    private (int, JsonObject) SendMessage(FakeCall call, bool edit)
    {
        if (call.Number("chat_id") is not { } chatId)
        {
            return (400, FakeJson.Error(400, "Bad Request: chat not found"));
        }

        var text = call.Param("text") ?? string.Empty;
        var parseMode = call.Param("parse_mode");
        var html = string.Equals(parseMode, "html", StringComparison.OrdinalIgnoreCase);
        if (parseMode is not null && !html)
        {
            return (400, FakeJson.Error(400, $"Bad Request: unsupported parse_mode \"{parseMode}\""));
        }

        if (html && FakeHtml.Problem(text) is { } problem)
        {
            return (400, FakeJson.Error(400, "Bad Request: can't parse entities: " + problem));
        }

        var visible = html ? Html.ToPlainText(text) : text;
        if (string.IsNullOrWhiteSpace(visible))
        {
            return (400, FakeJson.Error(400, "Bad Request: message text is empty"));
        }

        if (visible.Length > MaxTextLength)
        {
            return (400, FakeJson.Error(400, "Bad Request: message is too long"));
        }

        var messageId = edit ? (int)(call.Number("message_id") ?? 0) : Interlocked.Increment(ref nextMessageId);
        if (edit && (!Sent.Any(m => m.ChatId == chatId && m.MessageId == messageId) || deleted.ContainsKey((chatId, messageId))))
        {
            return (400, FakeJson.Error(400, "Bad Request: message to edit not found"));
        }

        var markup = call.Param("reply_markup");
        if (edit && shown.TryGetValue((chatId, messageId), out var before) && before == (text, markup))
        {
            return (400, FakeJson.Error(400, "Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message"));
        }

        var threadId = (int?)call.Number("message_thread_id");
        var record = new SentMessage(messageId, chatId, text, parseMode, call.Bool("disable_notification"), threadId, call.At)
        {
            ReplyMarkup = markup,
            ReplyTo = FakeMarkup.ReplyTo(call.Param("reply_parameters")),
        };
        shown[(chatId, messageId)] = (text, markup);
        (edit ? edits : sent).Add(record);

        var message = FakeJson.Message(messageId, call.At.ToUnixTimeSeconds(), chatId, FakeJson.ChatType(chatId), BotUser(), visible);
        if (threadId is { } t)
        {
            message["message_thread_id"] = t;
        }

        return (200, FakeJson.Ok(message));
    }

    private (int, JsonObject) SetMyCommands(FakeCall call)
    {
        try
        {
            using var doc = JsonDocument.Parse(call.Param("commands") ?? "[]");
            Commands = [.. doc.RootElement.EnumerateArray()
                .Select(c => (c.GetProperty("command").GetString()!, c.GetProperty("description").GetString()!))];
            return (200, FakeJson.Ok(true));
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or KeyNotFoundException)
        {
            return (400, FakeJson.Error(400, "Bad Request: can't parse commands JSON object"));
        }
    }

    private JsonObject BotUser() => FakeJson.User(BotId, "Fake Ops", BotUsername, isBot: true);
}
