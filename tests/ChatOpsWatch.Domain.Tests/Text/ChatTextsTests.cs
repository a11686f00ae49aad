using ChatOpsWatch.Domain.Chat;
using ChatOpsWatch.Domain.Engine.Policy;
using ChatOpsWatch.Domain.Text;

namespace ChatOpsWatch.Domain.Tests.Text;

public sealed class ChatTextsTests
{
    private static readonly MuteTargets Known = new(
        new HashSet<string>(["web-1"], StringComparer.OrdinalIgnoreCase),
        new Dictionary<string, IReadOnlySet<string>> { ["provider"] = new HashSet<string>(["hetzner"]) },
        new HashSet<string>(["cpu"]));

    [Fact]
    public void Description_EveryListedCommand_HasBothLanguagesAndEnglishMatchesTheList()
    {
        foreach (var c in ChatCommands.All)
        {
            Assert.Equal(c.Description, ChatCommands.Description(c, TextCatalog.English));
            Assert.NotEqual(c.Description, ChatCommands.Description(c, TextCatalog.Chinese));
        }
    }

    [Fact]
    public void Usage_EveryCommandWithArguments_IsTranslatedAndEnglishMatchesTheList()
    {
        foreach (var c in ChatCommands.All.Where(c => c.Usage.Contains(' ', StringComparison.Ordinal)))
        {
            Assert.Equal(c.Usage, ChatCommands.Usage(c, TextCatalog.English));
            Assert.NotEqual(c.Usage, ChatCommands.Usage(c, TextCatalog.Chinese));
        }
    }

    [Fact]
    public void Help_InChinese_ListsEveryCommandWithItsChineseUsageEscaped()
    {
        var help = ChatReplies.Help(greeting: true, TextCatalog.Chinese);

        Assert.StartsWith("👋 <b>ChatOpsWatch</b> 通过 SSH 监控服务器集群", help, StringComparison.Ordinal);
        Assert.Contains("/mute &lt;节点|标签|规则&gt; &lt;时长&gt; [原因] — 在指定时长内静默告警（管理员）", help, StringComparison.Ordinal);
        Assert.All(ChatCommands.All, c => Assert.Contains("\n/" + c.Name, help, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(new[] { "web-1" }, "用法：/mute <节点|标签|规则> <时长> [原因]")]
    [InlineData(new[] { "$(id)", "1h" }, "目标须为1–64 个字符")]
    [InlineData(new[] { "web-1", "31d" }, "最长 30d")]
    [InlineData(new[] { "nope", "1h" }, "没有叫这个名字的节点、标签或规则")]
    public void ParseMute_InChinese_ExplainsTheProblemInChinese(string[] args, string expected)
    {
        var (request, problem) = MuteParser.ParseMute(args, Known, TextCatalog.Chinese);

        Assert.Null(request);
        Assert.Contains(expected, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Muted_InChinese_TranslatesTheLabelAndStillEscapesTheReason()
    {
        var s = new Silence("7", [new Matcher("provider", "hetzner")], Some.At(0), Some.At(120), "@alice (42)", "<b>oops</b>");

        var reply = MuteReplies.Muted(s, TextCatalog.Chinese);

        Assert.Contains("@alice (42) 静默了 服务商 <b>hetzner</b>，直到", reply, StringComparison.Ordinal);
        Assert.Contains("&lt;b&gt;oops&lt;/b&gt;", reply, StringComparison.Ordinal);
        Assert.Contains("/unmute 7", reply, StringComparison.Ordinal);
    }

    [Fact]
    public void Refusal_ChatNotAllowedInChinese_NamesTheChatId()
    {
        var reply = ChatReplies.Refusal(RefusalReason.ChatNotAllowed, -100123, "status", TextCatalog.Chinese);

        Assert.Equal("本机器人只回复配置中允许的聊天。此聊天的 ID 是 <code>-100123</code>，运维人员可以把它加入白名单。", reply);
    }
}
