using ChatOpsWatch.Domain.Chat;

namespace ChatOpsWatch.Domain.Tests.Chat;

public sealed class CallbackDataTests
{
    [Fact]
    public void Encode_ThenDecode_RoundTrips()
    {
        var data = CallbackData.Encode("mute", "1234567890", "24h");
        Assert.Equal("mute:1234567890:24h", data);
        var back = CallbackData.TryDecode(data);
        Assert.NotNull(back);
        Assert.Equal("mute", back.Action);
        Assert.Equal(["1234567890", "24h"], back.Args);
    }

    [Fact]
    public void Encode_Over64Bytes_Throws() =>
        Assert.Throws<ArgumentException>(() => CallbackData.Encode("details", new string('1', 30), new string('2', 30)));

    [Theory]
    [InlineData("a;touch /tmp/x")]
    [InlineData("$(id)")]
    [InlineData("x y")]
    [InlineData("")]
    public void Encode_PartThatIsNotAToken_Throws(string part) =>
        Assert.Throws<ArgumentException>(() => CallbackData.Encode("ack", part));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("ack:")]
    [InlineData("ack:$(id)")]
    [InlineData("ack:1\nrm")]
    [InlineData("ack:11111111111111111111111111111111111111111111111111111111111111111")]
    public void TryDecode_ForgedOrBrokenData_IsNull(string? data) => Assert.Null(CallbackData.TryDecode(data));
}
