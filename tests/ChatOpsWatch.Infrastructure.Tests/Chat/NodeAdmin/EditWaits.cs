using ChatOpsWatch.Testing.FakeBotApi;

namespace ChatOpsWatch.Infrastructure.Tests.Chat.NodeAdmin;

internal static class EditWaits
{
    /// <summary>Waits for the latest edit of message <paramref name="messageId"/>.</summary>
    public static async Task<SentMessage> WaitForEditAsync(this FakeBotApiServer api, int messageId)
    {
        await api.WaitForCallAsync(c => c.Method == "editMessageText" && c.Number("message_id") == messageId);
        return api.Edits.Last(e => e.MessageId == messageId);
    }
}
