namespace ChatOpsWatch.Testing.FakeBotApi;

/// <summary>A sendMessage (or editMessageText) the fake accepted, with the parameters tests care about.</summary>
public sealed record SentMessage(
    int MessageId,
    long ChatId,
    string Text,
    string? ParseMode,
    bool DisableNotification,
    int? MessageThreadId,
    DateTimeOffset At)
{
    public bool IsHtml => string.Equals(ParseMode, "html", StringComparison.OrdinalIgnoreCase);

    /// <summary>The reply_markup as sent (raw JSON: the inline keyboard), or null when there was none.</summary>
    public string? ReplyMarkup { get; init; }

    /// <summary>The message this one replies to (reply_parameters.message_id).</summary>
    public int? ReplyTo { get; init; }

    /// <summary>The callback data of every inline button, row by row.</summary>
    public IReadOnlyList<string> ButtonData => FakeMarkup.CallbackData(ReplyMarkup);
}
