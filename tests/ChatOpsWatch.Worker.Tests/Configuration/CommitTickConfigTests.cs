using ChatOpsWatch.Worker.Configuration;
using Microsoft.Extensions.Configuration;

namespace ChatOpsWatch.Worker.Tests.Configuration;

public sealed class CommitTickConfigTests
{
    private static ConfigLoader.Result Load(Dictionary<string, string?> values) =>
        ConfigLoader.Load(new ConfigurationBuilder().AddInMemoryCollection(values).Build(), _ => null);

    [Fact]
    public void Load_NoCommitTick_GroupsPollsEvery100Ms()
    {
        var result = Load([]);

        Assert.Equal(TimeSpan.FromMilliseconds(100), result.Config!.CommitTick);
    }

    [Theory]
    [InlineData("0ms", 0)]
    [InlineData("250ms", 250)]
    public void Load_CommitTickInMs_IsUsed(string text, int ms)
    {
        var result = Load(new() { ["ChatOpsWatch:Storage:CommitTick"] = text });

        Assert.Equal(TimeSpan.FromMilliseconds(ms), result.Config!.CommitTick);
    }

    [Theory]
    [InlineData("5s")]
    [InlineData("2000ms")]
    [InlineData("-1ms")]
    public void Load_CommitTickOutOfRange_IsAProblemNamedByItsKey(string text)
    {
        var result = Load(new() { ["ChatOpsWatch:Storage:CommitTick"] = text });

        var problem = Assert.Single(result.Problems);
        Assert.Contains("ChatOpsWatch:Storage:CommitTick", problem.ToString(), StringComparison.Ordinal);
    }
}
