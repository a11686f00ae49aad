using ChatOpsWatch.Worker.Configuration;
using Microsoft.Extensions.Configuration;

namespace ChatOpsWatch.Worker.Tests.Configuration;

public sealed class LegacyAlgorithmsConfigTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("cow-legacy-").FullName;

    private ConfigLoader.Result Load(string? allow) =>
        ConfigLoader.Load(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ChatOpsWatch:Local:Enabled"] = "false",
            ["ChatOpsWatch:Nodes:0:Name"] = "old-1",
            ["ChatOpsWatch:Nodes:0:Host"] = "10.0.0.5",
            ["ChatOpsWatch:Nodes:0:KeyFile"] = ChatOpsWatch.Testing.Lab.TestKeys.Ed25519(_dir),
            ["ChatOpsWatch:Nodes:0:AllowLegacyAlgorithms"] = allow,
        }).Build(), _ => null);

    [Fact]
    public void Load_AllowLegacyAlgorithmsTrue_ReachesTheTargetAndTheNodeInfo()
    {
        var result = Load("true");

        Assert.True(result.Ok, string.Join("\n", result.Problems));
        var node = Assert.Single(result.Config!.Nodes);
        Assert.True(node.Ssh!.AllowLegacyAlgorithms);
        Assert.True(node.Info.LegacySshAllowed);
    }

    [Fact]
    public void Load_AllowLegacyAlgorithmsUnset_RefusesLegacy()
    {
        var node = Assert.Single(Load(null).Config!.Nodes);

        Assert.False(node.Ssh!.AllowLegacyAlgorithms);
        Assert.False(node.Info.LegacySshAllowed);
    }

    [Fact]
    public void Load_AllowLegacyAlgorithmsNotABoolean_IsAnErrorNamingTheKey()
    {
        var result = Load("yes please");

        Assert.False(result.Ok);
        Assert.Contains(result.Problems, p => p.Key == "ChatOpsWatch:Nodes:0:AllowLegacyAlgorithms" && p.Message.Contains("not true or false", StringComparison.Ordinal));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
