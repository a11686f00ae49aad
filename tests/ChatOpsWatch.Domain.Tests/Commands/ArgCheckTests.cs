using ChatOpsWatch.Domain.Commands;
using ChatOpsWatch.Domain.Text;

namespace ChatOpsWatch.Domain.Tests.Commands;

public sealed class ArgCheckTests
{
    [Theory]
    [InlineData("a;touch", "contains ';'")]
    [InlineData("$(id)", "contains '$'")]
    [InlineData("`id`", "contains '`'")]
    [InlineData("a|b", "contains '|'")]
    [InlineData("-oProxyCommand=nc", "starts with '-'")]
    [InlineData("<b>", "markup is not accepted")]
    [InlineData("a\nb", "line breaks")]
    [InlineData("a\u202Eb", "control characters")]
    public void Problem_InjectionAttempt_NamesTheReason(string arg, string reason)
    {
        var problem = ArgCheck.Problem(arg, TextCatalog.English);

        Assert.NotNull(problem);
        Assert.Contains(reason, problem, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Problem_300Characters_IsTooLongAndQuotesOnlyTheStart()
    {
        var problem = ArgCheck.Problem(new string('a', 300), TextCatalog.English)!;

        Assert.Contains("is too long (300 characters); an argument has at most 128", problem, StringComparison.Ordinal);
        Assert.True(problem.Length < 150);
    }

    [Theory]
    [InlineData("web-1")]
    [InlineData("disk.used_pct{mount=/data}")]
    [InlineData("2026-11-25T22:00Z")]
    [InlineData("22:00")]
    public void Problem_OrdinaryArgument_IsNull(string arg) => Assert.Null(ArgCheck.Problem(arg, TextCatalog.English));

    [Fact]
    public void Problem_InChinese_ComesFromTheCatalogue() =>
        Assert.Contains("包含“;”", ArgCheck.Problem("a;b", TextCatalog.Chinese), StringComparison.Ordinal);
}
