using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Domain.Notifications;
using ChatOpsWatch.Domain.Text;

namespace ChatOpsWatch.Domain.Tests.Notifications;

/// <summary>The digest messages a backlog folds into, rendered in the Domain (storage only writes them).</summary>
public sealed class BacklogDigestTests
{
    [Fact]
    public void Fold_MixedKinds_OneInfoDigestAsSevereAsTheWorstToTheFirstsChat()
    {
        OutboxMessage[] backlog =
        [
            new(MessageKind.Alert, Severity.Warning, "<b>tokyo-1</b> disk 91 %", 5),
            new(MessageKind.Info, Severity.None, "weekly report", 5),
            new(MessageKind.Alert, Severity.Warning, "<b>osaka-1</b> load 9", 5),
        ];

        var digest = Assert.Single(BacklogDigest.Fold(backlog, TextCatalog.English));

        Assert.Equal((MessageKind.Info, Severity.Warning, (long?)5), (digest.Kind, digest.Severity, digest.ChatId));
        Assert.Equal(
            "📦 <b>Digest of 3 messages</b> held back by Telegram's rate limit\n• tokyo-1 disk 91 %\n• weekly report\n• osaka-1 load 9",
            digest.Html);
    }

    [Fact]
    public void Fold_OneKindInChinese_KeepsTheKindAndSpeaksChinese()
    {
        OutboxMessage[] backlog = [new(MessageKind.Alert, Severity.Warning, "a"), new(MessageKind.Alert, Severity.None, "b")];

        var digest = Assert.Single(BacklogDigest.Fold(backlog, TextCatalog.Chinese));

        Assert.Equal(MessageKind.Alert, digest.Kind);
        Assert.StartsWith("📦 <b>因 Telegram 限流而暂缓发送的 2 条消息汇总</b>", digest.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void Fold_NoMessages_NoDigest() => Assert.Empty(BacklogDigest.Fold([], TextCatalog.English));
}
