using ChatOpsWatch.Domain.Notifications;
using ChatOpsWatch.Infrastructure.Telegram;
using ChatOpsWatch.Testing.FakeBotApi;

namespace ChatOpsWatch.Infrastructure.Tests.Telegram;

public sealed class TelegramHtmlSplitterTests
{
    [Fact]
    public void Split_ShortText_ReturnsItUnchanged()
    {
        Assert.Equal(["<b>a</b>\nb"], TelegramHtmlSplitter.Split("<b>a</b>\nb"));
    }

    [Fact]
    public void Split_ManyLines_CutsBetweenLines()
    {
        var lines = Enumerable.Range(0, 50).Select(i => $"<b>line {i:D2}</b> " + new string('x', 20)).ToList();
        var html = string.Join('\n', lines);

        var pieces = TelegramHtmlSplitter.Split(html, 200);

        Assert.All(pieces, p => Assert.True(p.Length <= 200, p));
        Assert.All(pieces, p => Assert.Null(FakeHtml.Problem(p)));
        Assert.Equal(html, string.Join('\n', pieces));
    }

    [Fact]
    public void Split_OneLongLine_NeverCutsInsideATagOrEntity()
    {
        var html = string.Concat(Enumerable.Repeat("a &amp; <i>b</i> &#x1F534; ", 40));

        var pieces = TelegramHtmlSplitter.Split(html, 50);

        Assert.All(pieces, p => Assert.True(p.Length <= 50, p));
        Assert.All(pieces, p => Assert.Null(FakeHtml.Problem(p)));
        Assert.Equal(Html.ToPlainText(html), string.Concat(pieces.Select(Html.ToPlainText)));
    }

    [Fact]
    public void Split_TagSpanningTheCut_IsClosedAndReopened()
    {
        var html = "<pre>" + string.Join('\n', Enumerable.Range(0, 40).Select(i => $"row {i:D2} ......")) + "</pre>";

        var pieces = TelegramHtmlSplitter.Split(html, 120);

        Assert.True(pieces.Count > 2);
        Assert.All(pieces, p => Assert.True(p.StartsWith("<pre>", StringComparison.Ordinal) && p.EndsWith("</pre>", StringComparison.Ordinal), p));
        Assert.All(pieces, p => Assert.Null(FakeHtml.Problem(p)));
    }

    [Fact]
    public void Split_Emoji_NeverSplitsASurrogatePair()
    {
        var html = string.Concat(Enumerable.Repeat("🔴", 100));

        var pieces = TelegramHtmlSplitter.Split(html, 33);

        Assert.All(pieces, p => Assert.False(char.IsHighSurrogate(p[^1]), "piece ends inside an emoji"));
        Assert.Equal(html, string.Concat(pieces));
    }

    [Fact]
    public void SplitPlain_MarkupCharacters_StayLiteral()
    {
        var text = string.Join('\n', Enumerable.Repeat("a < b & c > d", 20));

        var pieces = TelegramHtmlSplitter.SplitPlain(text, 60);

        Assert.All(pieces, p => Assert.True(p.Length <= 60));
        Assert.Equal(text, string.Join('\n', pieces));
    }
}
