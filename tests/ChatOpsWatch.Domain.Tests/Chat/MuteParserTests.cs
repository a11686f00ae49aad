using ChatOpsWatch.Domain.Chat;
using ChatOpsWatch.Domain.Engine.Policy;
using ChatOpsWatch.Domain.Text;

namespace ChatOpsWatch.Domain.Tests.Chat;

public sealed class MuteParserTests
{
    private static readonly MuteTargets Known = new(
        new HashSet<string>(["web-1", "db-1"], StringComparer.OrdinalIgnoreCase),
        new Dictionary<string, IReadOnlySet<string>> { ["provider"] = new HashSet<string>(["hetzner"]), ["role"] = new HashSet<string>(["core"]) },
        new HashSet<string>(["cpu", "system.disk.root.pct:forecast"]));

    [Theory]
    [InlineData("web-1", "node")]
    [InlineData("cpu", "rule")]
    [InlineData("system.disk.root.pct:forecast", "rule")]
    [InlineData("hetzner", "provider")]
    [InlineData("core", "role")]
    public void ParseMute_KnownTarget_ResolvesToItsMatcher(string target, string label)
    {
        var (request, problem) = MuteParser.ParseMute([target, "2h", "kernel", "upgrade"], Known, TextCatalog.English);

        Assert.Null(problem);
        Assert.Equal(new Matcher(label, target), request!.Target);
        Assert.Equal(TimeSpan.FromHours(2), request.Duration);
        Assert.Equal("kernel upgrade", request.Reason);
    }

    [Fact]
    public void ParseMute_NoReason_RecordsThatNoneWasGiven()
    {
        var (request, _) = MuteParser.ParseMute(["web-1", "30m"], Known, TextCatalog.English);

        Assert.Equal("(no reason given)", request!.Reason);
    }

    [Theory]
    [InlineData("a;touch", "a target is")]          // "a;touch /tmp/x" as the chat parser splits it
    [InlineData("$(id)", "a target is")]
    [InlineData("-oProxyCommand=nc", "a target is")]
    [InlineData("web-1\ntouch", "a target is")]
    [InlineData("<b>web-1</b>", "a target is")]
    [InlineData("web`id`", "a target is")]
    [InlineData("../etc/passwd", "a target is")]
    [InlineData("nope-1", "no node, tag or rule")]
    public void ParseMute_InjectionOrUnknownTarget_IsRefusedWithTheReason(string target, string reason)
    {
        var (request, problem) = MuteParser.ParseMute([target, "1h"], Known, TextCatalog.English);

        Assert.Null(request);
        Assert.Contains(reason, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseMute_TargetOf300Characters_IsRefusedWithItsLength()
    {
        var (request, problem) = MuteParser.ParseMute([new string('a', 300), "1h"], Known, TextCatalog.English);

        Assert.Null(request);
        Assert.Contains("300 characters", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("forever")]
    [InlineData("0m")]
    [InlineData("-5m")]
    [InlineData("31d")]
    [InlineData("1h;reboot")]
    public void ParseMute_BadDuration_IsRefused(string duration)
    {
        var (request, problem) = MuteParser.ParseMute(["web-1", duration], Known, TextCatalog.English);

        Assert.Null(request);
        Assert.Contains("duration", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData()]
    [InlineData("web-1")]
    public void ParseMute_DurationMissing_ShowsTheUsage(params string[] args)
    {
        var (request, problem) = MuteParser.ParseMute(args, Known, TextCatalog.English);

        Assert.Null(request);
        Assert.Contains("usage: /mute", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseMute_ReasonTooLong_IsRefusedNotCut()
    {
        var (request, problem) = MuteParser.ParseMute(["web-1", "1h", new string('x', 201)], Known, TextCatalog.English);

        Assert.Null(request);
        Assert.Contains("reason", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_ListsTheStateChangingCommands()
    {
        var help = ChatReplies.Help(greeting: false, TextCatalog.English);

        Assert.Contains("/mute &lt;node|tag|rule&gt; &lt;duration&gt; [reason]", help, StringComparison.Ordinal);
        Assert.Contains("/unmute", help, StringComparison.Ordinal);
        Assert.Contains("/silences", help, StringComparison.Ordinal);
        Assert.Contains("/ack &lt;node&gt; [rule]", help, StringComparison.Ordinal);
    }

    [Fact]
    public void Muted_ReasonWithMarkup_IsEscapedAndNamesWhoWhatUntil()
    {
        var s = new Silence("7", [new Matcher("node", "web-1")], Some.At(0), Some.At(120), "@alice (42)", "<b>oops</b>");

        var reply = MuteReplies.Muted(s, TextCatalog.English);

        Assert.Contains("@alice (42) muted node <b>web-1</b> until", reply, StringComparison.Ordinal);
        Assert.Contains("&lt;b&gt;oops&lt;/b&gt;", reply, StringComparison.Ordinal);
        Assert.Contains("(2h)", reply, StringComparison.Ordinal);
    }
}
