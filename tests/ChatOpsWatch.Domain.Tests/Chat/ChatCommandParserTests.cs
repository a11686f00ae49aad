using ChatOpsWatch.Domain.Chat;

namespace ChatOpsWatch.Domain.Tests.Chat;

public sealed class ChatCommandParserTests
{
    private const string Bot = "OpsWatchBot";

    [Theory]
    [InlineData("/status", ChatCommandKind.Status)]
    [InlineData("/help", ChatCommandKind.Help)]
    [InlineData("/start", ChatCommandKind.Start)]
    [InlineData("  /STATUS  ", ChatCommandKind.Status)]
    [InlineData("/status@OpsWatchBot", ChatCommandKind.Status)]
    [InlineData("/status@opswatchbot", ChatCommandKind.Status)]
    public void Parse_KnownCommand_ReturnsItsKind(string text, ChatCommandKind expected)
    {
        var cmd = ChatCommandParser.Parse(text, Bot);

        Assert.NotNull(cmd);
        Assert.Equal(expected, cmd.Kind);
        Assert.Empty(cmd.Args);
    }

    [Theory]
    [InlineData("/status@OtherBot")]
    [InlineData("/help@OtherBot extra")]
    [InlineData("/status@")]
    public void Parse_CommandForAnotherBot_ReturnsNull(string text) =>
        Assert.Null(ChatCommandParser.Parse(text, Bot));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("status")]
    [InlineData("hello /status")]
    [InlineData("/")]
    [InlineData("/ status")]
    [InlineData("/sta-tus")]
    [InlineData("/status;rm")]
    public void Parse_NotACommand_ReturnsNull(string? text) =>
        Assert.Null(ChatCommandParser.Parse(text, Bot));

    [Fact]
    public void Parse_StatusWithNode_KeepsTheNodeAsOneToken()
    {
        var cmd = ChatCommandParser.Parse("/status@OpsWatchBot  tokyo-1\n", "@OpsWatchBot");

        Assert.NotNull(cmd);
        Assert.Equal(ChatCommandKind.Status, cmd.Kind);
        Assert.Equal(["tokyo-1"], cmd.Args);
        Assert.True(cmd.AddressedToUs);
    }

    [Fact]
    public void Parse_ShellMetacharacters_StayInertTokens()
    {
        var cmd = ChatCommandParser.Parse("/status $(reboot) ;rm -rf /", Bot);

        Assert.NotNull(cmd);
        Assert.Equal(["$(reboot)", ";rm", "-rf", "/"], cmd.Args);
    }

    [Fact]
    public void Parse_UnknownCommand_ReturnsUnknownWithItsName()
    {
        var cmd = ChatCommandParser.Parse("/reboot all", Bot);

        Assert.NotNull(cmd);
        Assert.Equal(ChatCommandKind.Unknown, cmd.Kind);
        Assert.Equal("reboot", cmd.Name);
        Assert.False(cmd.AddressedToUs);
    }

    [Fact]
    public void Parse_ManyArguments_KeepsAtMostTheLimit()
    {
        var cmd = ChatCommandParser.Parse("/status " + string.Join(' ', Enumerable.Range(0, 100)), Bot);

        Assert.NotNull(cmd);
        Assert.Equal(ChatCommandParser.MaxArgs, cmd.Args.Count);
    }

    [Theory]
    [InlineData("status", false)]
    [InlineData("help", false)]
    [InlineData("start", false)]
    [InlineData("silences", false)]
    [InlineData("mute", true)]
    [InlineData("unmute", true)]
    [InlineData("ack", true)]
    public void Parse_Command_ChangesStateOnlyWhenItMutesOrAcks(string name, bool changesState)
    {
        Assert.Equal(changesState, ChatCommandParser.Parse("/" + name, Bot)!.ChangesState);
    }
}
