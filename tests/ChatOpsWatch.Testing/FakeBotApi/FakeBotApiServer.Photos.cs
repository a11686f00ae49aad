using System.Text.Json.Nodes;
using ChatOpsWatch.Domain.Notifications;

namespace ChatOpsWatch.Testing.FakeBotApi;

public sealed partial class FakeBotApiServer
{
    private const int MaxCaptionLength = 1024;
    private const string AttachPrefix = "attach://";

    /// <summary>sendPhoto as a multipart upload (the only form ChatOpsWatch uses): checks what Telegram checks.</summary>
    private (int, JsonObject) SendPhoto(FakeCall call)
    {
        if (call.Number("chat_id") is not { } chatId)
        {
            return (400, FakeJson.Error(400, "Bad Request: chat not found"));
        }

        // The file is either the "photo" part itself, or a part the "photo" parameter names as attach://<part>.
        var part = call.Param("photo") is { } p && p.StartsWith(AttachPrefix, StringComparison.Ordinal) ? p[AttachPrefix.Length..] : "photo";
        if (!call.Files.TryGetValue(part, out var bytes) || bytes.Length == 0)
        {
            return (400, FakeJson.Error(400, "Bad Request: there is no photo in the request"));
        }

        var caption = call.Param("caption");
        var parseMode = call.Param("parse_mode");
        var html = string.Equals(parseMode, "html", StringComparison.OrdinalIgnoreCase);
        if (html && caption is not null && FakeHtml.Problem(caption) is { } problem)
        {
            return (400, FakeJson.Error(400, "Bad Request: can't parse entities: " + problem));
        }

        var visible = caption is null ? string.Empty : html ? Html.ToPlainText(caption) : caption;
        if (visible.Length > MaxCaptionLength)
        {
            return (400, FakeJson.Error(400, "Bad Request: message caption is too long"));
        }

        var messageId = Interlocked.Increment(ref nextMessageId);
        photos.Add(new SentPhoto(messageId, chatId, bytes, call.Param(part + "#filename"), caption, parseMode, call.Bool("disable_notification"), call.At));
        var message = FakeJson.Message(messageId, call.At.ToUnixTimeSeconds(), chatId, FakeJson.ChatType(chatId), BotUser(), visible);
        message.Remove("text");
        message["caption"] = visible;
        message["photo"] = new JsonArray(new JsonObject { ["file_id"] = $"photo{messageId}", ["file_unique_id"] = $"u{messageId}", ["width"] = 800, ["height"] = 400 });
        return (200, FakeJson.Ok(message));
    }
}
