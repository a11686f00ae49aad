namespace ChatOpsWatch.Domain.Text;

/// <summary>What the delivery path adds to messages: the backlog digest and the possible-duplicate marker.</summary>
internal static class DeliveryTexts
{
    public static readonly IReadOnlyDictionary<string, TextEntry> Entries = new Dictionary<string, TextEntry>(StringComparer.Ordinal)
    {
        ["delivery.digest.header"] = new(
            "📦 <b>Digest of {0} messages</b> held back by Telegram's rate limit{1}",
            "📦 <b>因 Telegram 限流而暂缓发送的 {0} 条消息汇总</b>{1}"),
        ["delivery.digest.part"] = new(" (part {0}/{1}, {2} here)", "（第 {0}/{1} 部分，本部分 {2} 条）"),
        ["delivery.possible_duplicate"] = new(
            "♻️ <i>possible duplicate (resent after a restart)</i>",
            "♻️ <i>可能重复（重启后重新发送）</i>"),
    };
}
