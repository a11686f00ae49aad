using System.Text.RegularExpressions;
using ChatOpsWatch.Domain.Chat;
using ChatOpsWatch.Domain.Text;
using ChatOpsWatch.Infrastructure.Tests.Chat.NodeAdmin;
using H = ChatOpsWatch.Infrastructure.Tests.Telegram.ChatBotHarness;

namespace ChatOpsWatch.Infrastructure.Tests.Chat;

/// <summary>With Telegram:Language set, every command answers in that language: the real client and every real handler against the fake Bot API.</summary>
public sealed partial class ChatLanguageTests
{
    public static TheoryData<string, string> EveryCommandInEveryLanguage()
    {
        var data = new TheoryData<string, string>();
        foreach (var command in ChatCommands.All)
        {
            data.Add(command.Name, "en");
            data.Add(command.Name, "zh-CN");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryCommandInEveryLanguage))]
    public async Task Command_WithAndWithoutBotName_IsAnsweredInTheConfiguredLanguage(string command, string code)
    {
        Assert.True(LanguageCodes.TryParse(code, out var language));
        var texts = TextCatalog.For(language);
        var scanner = new RecordingScanner();
        await using var bot = H.WithAllHandlers(H.Fleet(TimeProvider.System.GetUtcNow()), texts, scanner);
        await bot.StartAsync();

        foreach (var text in new[] { $"/{command}", $"/{command}@{bot.Api.BotUsername}" })
        {
            var reply = await SendAsync(bot, H.Admin, text);

            Assert.NotEqual(ChatReplies.UnknownCommand(command, texts), reply);
            Assert.True(language == Language.ZhCn ? HasChinese(reply) : !HasChinese(reply), $"{text} in {code}: {reply}");
        }

        Assert.Empty(scanner.Contacted);
    }

    [Theory]
    [InlineData(H.Member, "/mute web-1 2h", "只有管理员可以执行 /mute。")]
    [InlineData(H.Member, "/ack@FakeOpsBot db-1", "只有管理员可以执行 /ack。")]
    [InlineData(H.Admin, "/frobnicate@FakeOpsBot", "未知命令 /frobnicate。")]
    [InlineData(H.Admin, "/status no-such-node", "没有名为 <b>no-such-node</b> 的节点")]
    [InlineData(H.Admin, "/status ../etc;reboot", "名称和时间中都不会用到它")]
    [InlineData(H.Admin, "/mute nope-1 2h", "没有叫这个名字的节点、标签或规则")]
    [InlineData(H.Admin, "/mute web-1 forever", "时长的格式应为 30m、2h 或 1d")]
    [InlineData(H.Admin, "/unmute 999", "没有与该 ID 或目标匹配的生效静默")]
    [InlineData(H.Admin, "/silences", "当前没有生效的静默。")]
    [InlineData(H.Admin, "/ack db-1", "<b>db-1</b> 上没有正在触发的告警需要确认。")]
    public async Task Command_InChinese_GetsTheChineseAnswer(long user, string text, string expected)
    {
        await using var bot = new H(H.Fleet(TimeProvider.System.GetUtcNow()), texts: TextCatalog.Chinese);
        await bot.StartAsync();

        var reply = await SendAsync(bot, user, text);

        Assert.Contains(expected, reply, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Mute_InChinese_NamesTargetAndReasonAndIsListedBySilences()
    {
        await using var bot = new H(H.Fleet(TimeProvider.System.GetUtcNow()), texts: TextCatalog.Chinese);
        await bot.StartAsync();

        var muted = await SendAsync(bot, H.Admin, "/mute web-1 2h");
        var listed = await SendAsync(bot, H.Admin, "/silences@FakeOpsBot");

        Assert.Contains("静默了 节点 <b>web-1</b>，直到", muted, StringComparison.Ordinal);
        Assert.Contains("（未说明原因）", muted, StringComparison.Ordinal);
        Assert.StartsWith("<b>生效中的静默</b>\n", listed, StringComparison.Ordinal);
        Assert.Contains("节点 <b>web-1</b>", listed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refusal_InStrangersPrivateChatInChinese_NamesItsChatId()
    {
        const long stranger = 555;
        await using var bot = new H(H.Fleet(TimeProvider.System.GetUtcNow()), texts: TextCatalog.Chinese);
        await bot.StartAsync();

        bot.Api.EnqueueMessage(stranger, stranger, "/help", chatType: "private");
        var reply = await bot.Api.WaitForAsync(m => m.ChatId == stranger);

        Assert.Contains("此聊天的 ID 是 <code>555</code>", reply.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("en", "list the commands")]
    [InlineData("zh-CN", "列出所有命令")]
    public async Task Start_PublishesTheCommandMenuInTheConfiguredLanguage(string code, string helpDescription)
    {
        Assert.True(LanguageCodes.TryParse(code, out var language));
        await using var bot = new H(H.Fleet(TimeProvider.System.GetUtcNow()), texts: TextCatalog.For(language));
        await bot.StartAsync();

        await bot.Api.WaitForCallsAsync("setMyCommands", 1);

        Assert.Equal(ChatCommands.All.Select(c => c.Name), bot.Api.Commands.Select(c => c.Command));
        Assert.Contains(("help", helpDescription), bot.Api.Commands);
    }

    [Fact]
    public async Task Storage_InChinese_HasNoEnglishWordsBeyondUnits()
    {
        await using var bot = H.WithAllHandlers(H.Fleet(TimeProvider.System.GetUtcNow()), TextCatalog.Chinese);
        await bot.StartAsync();

        var reply = await SendAsync(bot, H.Admin, "/storage");

        Assert.StartsWith("💾 <b>存储</b>：磁盘占用 ", reply, StringComparison.Ordinal);
        Assert.Contains("• 原始：", reply, StringComparison.Ordinal);
        Assert.Contains("• 1 小时汇总：", reply, StringComparison.Ordinal);
        var words = AsciiWords().Matches(reply).Select(m => m.Value).Distinct().ToList();
        Assert.All(words, w => Assert.Contains(w, (string[])["b", "KB", "MB", "GB", "UTC"]));
    }

    [GeneratedRegex("[A-Za-z]+")]
    private static partial Regex AsciiWords();

    /// <summary>Sends <paramref name="text"/> to the ops group and waits for the one new reply there.</summary>
    private static async Task<string> SendAsync(H bot, long user, string text)
    {
        var seen = bot.Api.Sent.Select(m => m.MessageId).ToHashSet();
        bot.Api.EnqueueMessage(H.OpsGroup, user, text);
        var reply = await bot.Api.WaitForAsync(m => m.ChatId == H.OpsGroup && !seen.Contains(m.MessageId));
        return reply.Text;
    }

    private static bool HasChinese(string text) => Cjk().IsMatch(text);

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex Cjk();
}
