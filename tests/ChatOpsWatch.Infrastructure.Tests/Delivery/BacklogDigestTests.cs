using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Domain.Notifications;
using ChatOpsWatch.Domain.Text;
using ChatOpsWatch.Testing.FakeBotApi;

namespace ChatOpsWatch.Infrastructure.Tests.Delivery;

public sealed class BacklogDigestTests
{
    [Fact]
    public void Compose_ManyLongMessages_EveryMessageHasALineInOrderAndEveryDigestFitsOneMessage()
    {
        var messages = Enumerable.Range(0, 80)
            .Select(i => Msg($"<b>node-{i:00}</b> disk &lt;/data&gt; {new string('x', 400)}\nsecond line"))
            .ToList();

        var digests = BacklogDigest.Compose(messages, TextCatalog.English);

        Assert.True(digests.Count > 1);
        Assert.All(digests, d => Assert.True(d.Length <= 4096 && FakeHtml.Problem(d) is null, d));
        var lines = digests.SelectMany(d => d.Split('\n').Skip(1)).ToList();
        Assert.Equal(Enumerable.Range(0, 80).Select(i => $"node-{i:00}"), lines.Select(l => l.Substring(2, 7)));
        Assert.All(lines, l => Assert.EndsWith("…", l, StringComparison.Ordinal));
        Assert.Contains($"(part 1/{digests.Count}", digests[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Compose_MultiLineHtml_FlattensToEscapedPlainText()
    {
        var digest = Assert.Single(BacklogDigest.Compose([Msg("<b>tokyo-1</b> load 9 &amp; rising\n<i>since 12:00</i>")], TextCatalog.English));

        Assert.Equal("• tokyo-1 load 9 &amp; rising · since 12:00", digest.Split('\n')[1]);
    }

    [Fact]
    public void Compose_CutNextToAnEmoji_KeepsTheSurrogatePairWhole()
    {
        var text = new string('a', BacklogDigest.MaxLineChars - 2) + "🔥🔥🔥";

        var line = Assert.Single(BacklogDigest.Compose([Msg(text)], TextCatalog.English)).Split('\n')[1];

        var strict = new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
        Assert.NotEmpty(strict.GetBytes(line)); // throws on a lone surrogate
        Assert.EndsWith("a…", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Compose_InChinese_HeadsEveryPartInChineseAndStillFitsOneMessage()
    {
        var messages = Enumerable.Range(0, 40).Select(i => Msg($"<b>node-{i:00}</b> {new string('x', 400)}")).ToList();

        var digests = BacklogDigest.Compose(messages, TextCatalog.Chinese);

        Assert.True(digests.Count > 1);
        Assert.StartsWith("📦 <b>因 Telegram 限流而暂缓发送的 40 条消息汇总</b>（第 1/", digests[0], StringComparison.Ordinal);
        Assert.All(digests, d => Assert.True(FakeHtml.Problem(d) is null && Html.ToPlainText(d).Length <= 4096, d[..80]));
    }

    private static OutboxMessage Msg(string html) => new(MessageKind.Alert, Severity.Warning, html);
}
