using ChatOpsWatch.Domain.Time;

namespace ChatOpsWatch.Domain.Tests.Time;

public class DurationTextTests
{
    [Theory]
    [InlineData("30s", 30)]
    [InlineData("5m", 300)]
    [InlineData("1h30m", 5400)]
    [InlineData("2d", 172800)]
    [InlineData("00:00:30", 30)]
    public void TryParse_HumanDurations_Parse(string text, int seconds)
    {
        Assert.True(DurationText.TryParse(text, out var d));
        Assert.Equal(TimeSpan.FromSeconds(seconds), d);
    }

    [Theory]
    [InlineData("")]
    [InlineData("0s")]
    [InlineData("5 minutes")]
    [InlineData("-5m")]
    [InlineData("5m; rm -rf /")]
    [InlineData("9999999999d")]
    public void TryParse_Garbage_IsRefused(string text) => Assert.False(DurationText.TryParse(text, out _));
}
