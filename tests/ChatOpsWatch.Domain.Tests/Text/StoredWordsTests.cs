using ChatOpsWatch.Domain.Correlation;
using ChatOpsWatch.Domain.Nodes;
using ChatOpsWatch.Domain.Text;

namespace ChatOpsWatch.Domain.Tests.Text;

/// <summary>
/// zh-CN leftovers: SSH.NET's English error text in a Chinese alert (named by its class only), and words the product stored in the language of
/// the moment (the Mute button's comment, an incident's detail) shown after a language switch.
/// </summary>
public sealed class StoredWordsTests
{
    [Theory]
    [InlineData("probe failed: timed out", "超时")]
    [InlineData("connect to 10.0.0.5:22 failed: Connection refused", "连接被拒绝")]
    [InlineData("connect to h:22 failed: Permission denied (publickey).", "认证失败")]
    [InlineData("probe exceeded its 10 s deadline on the node", "探测超过时限")]
    [InlineData("the session broke: An established connection was aborted by the server.", "连接中断")]
    [InlineData("connect to h:22 failed: No route to host", "网络不可达")]
    [InlineData("something new", "SSH 错误（详情见日志）")]
    public void Describe_ChineseCatalogue_NamesTheClassInChineseWithoutTheEnglishOriginal(string error, string expected) =>
        Assert.Equal(expected, ErrorWords.Describe(error, TextCatalog.Chinese));

    [Fact]
    public void Describe_EnglishCatalogue_KeepsTheErrorAsItIs() =>
        Assert.Equal("probe failed: timed out", ErrorWords.Describe("probe failed: timed out", TextCatalog.English));

    [Fact]
    public void NodeDown_Chinese_LastErrorIsWordedInChineseAndTheDetailIsKeptInBoth()
    {
        var node = new NodeInfo("tokyo-1", "vultr", "ap-northeast", NodeRole.Core, TimeSpan.FromSeconds(30));
        var report = new NodeReport(node, Down: true, Failures: 2, Error: "probe failed: timed out", DownSince: DateTimeOffset.UnixEpoch);

        var down = new CorrelationMessages(TextCatalog.Chinese).NodeDown(report);

        Assert.Contains("最近错误：超时", down.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("probe failed", down.Html, StringComparison.Ordinal);
        Assert.Equal("无法连接：连续 2 次轮询失败\n最后的错误：超时", down.Incident!.Detail);
        Assert.Equal("unreachable: 2 failed polls in a row\nlast error: probe failed: timed out", down.Incident.Details!.En);
    }

    [Theory]
    [InlineData("muted from incident #2")]
    [InlineData("通过事件 #2 静音")]
    public void Display_CommentTheMuteButtonWrote_IsWordedInTheCurrentLanguage(string stored)
    {
        Assert.Equal("通过事件 #2 静音", StoredComment.Display(stored, TextCatalog.Chinese));
        Assert.Equal("muted from incident #2", StoredComment.Display(stored, TextCatalog.English));
    }

    [Theory]
    [InlineData("muted from incident #2 because of the deploy")]
    [InlineData("deploy <b>now</b>")]
    [InlineData("")]
    public void Display_OperatorsOwnComment_IsShownAsTyped(string stored) =>
        Assert.Equal(stored, StoredComment.Display(stored, TextCatalog.Chinese));

    [Fact]
    public void Unmuted_TwoSilencesInChinese_ListsThemWithAChineseEnumerationComma()
    {
        var zh = ChatOpsWatch.Domain.Chat.MuteReplies.Unmuted(["s1", "s2"], "alice", TextCatalog.Chinese);
        var en = ChatOpsWatch.Domain.Chat.MuteReplies.Unmuted(["s1", "s2"], "alice", TextCatalog.English);

        Assert.Contains("<code>s1</code>、<code>s2</code>", zh, StringComparison.Ordinal);
        Assert.DoesNotContain(", ", zh, StringComparison.Ordinal);
        Assert.Contains("<code>s1</code>, <code>s2</code>", en, StringComparison.Ordinal);
    }
}
