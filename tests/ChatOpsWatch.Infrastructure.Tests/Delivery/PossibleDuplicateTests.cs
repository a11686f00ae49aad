using ChatOpsWatch.Domain.Text;
using ChatOpsWatch.Infrastructure.Delivery;
using ChatOpsWatch.Testing.FakeBotApi;

namespace ChatOpsWatch.Infrastructure.Tests.Delivery;

public sealed class PossibleDuplicateTests
{
    [Fact]
    public void Mark_InChinese_PutsAValidChineseFirstLineInFront()
    {
        var marked = PossibleDuplicate.Mark("disk <b>88%</b>", TextCatalog.Chinese);

        Assert.Equal("♻️ <i>可能重复（重启后重新发送）</i>\ndisk <b>88%</b>", marked);
        Assert.Null(FakeHtml.Problem(marked));
    }

    [Fact]
    public void Mark_AlreadyMarkedInTheOtherLanguage_IsNotMarkedAgain()
    {
        var english = PossibleDuplicate.Mark("load 9", TextCatalog.English);

        Assert.Equal(english, PossibleDuplicate.Mark(english, TextCatalog.Chinese));
    }
}
