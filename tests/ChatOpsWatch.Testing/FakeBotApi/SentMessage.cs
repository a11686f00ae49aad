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
}
