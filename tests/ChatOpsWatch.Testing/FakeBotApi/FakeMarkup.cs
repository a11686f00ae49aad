using System.Text.Json;

namespace ChatOpsWatch.Testing.FakeBotApi;

/// <summary>Reads the JSON parameters of sendMessage/editMessageText that tests look at.</summary>
internal static class FakeMarkup
{
    public static IReadOnlyList<string> CallbackData(string? replyMarkup)
    {
        if (string.IsNullOrEmpty(replyMarkup))
        {
            return [];
        }

        using var doc = JsonDocument.Parse(replyMarkup);
        if (!doc.RootElement.TryGetProperty("inline_keyboard", out var rows))
        {
            return [];
        }

        return [.. rows.EnumerateArray().SelectMany(r => r.EnumerateArray())
            .Select(b => b.TryGetProperty("callback_data", out var d) ? d.GetString() ?? "" : "")];
    }

    public static int? ReplyTo(string? replyParameters)
    {
        if (string.IsNullOrEmpty(replyParameters))
        {
            return null;
        }

        using var doc = JsonDocument.Parse(replyParameters);
        return doc.RootElement.TryGetProperty("message_id", out var id) ? id.GetInt32() : null;
    }
}
