using ChatOpsWatch.Worker.Configuration;
using Microsoft.Extensions.Configuration;

namespace ChatOpsWatch.Worker.Tests.Configuration;

public sealed class NodeAdminConfigTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("cow-keys-").FullName;

    private static IConfiguration Config(Dictionary<string, string?> values) => new ConfigurationBuilder().AddInMemoryCollection(values).Build();

    [Fact]
    public void Load_NamedKeys_AcceptedAndFoundByName()
    {
        var key = ChatOpsWatch.Testing.Lab.TestKeys.Ed25519(_dir);
        var config = Config(new()
        {
            ["ChatOpsWatch:Ssh:Keys:default"] = key,
            ["ChatOpsWatch:Ssh:Keys:ops:KeyFile"] = key,
            ["ChatOpsWatch:Telegram:ConfirmTimeout"] = "3m",
        });

        var result = ConfigLoader.Load(config, _ => null);

        Assert.True(result.Ok, string.Join("\n", result.Problems));
        Assert.Equal(key, NodeAdminReader.Find(config, "OPS", _ => null)?.Path);
        Assert.Null(NodeAdminReader.Find(config, "missing", _ => null));
        Assert.Null(NodeAdminReader.Find(config, "../default", _ => null));
        Assert.Equal(TimeSpan.FromMinutes(3), NodeAdminReader.ConfirmTimeout(new ConfigReader([]), config.GetSection("ChatOpsWatch")));
    }

    [Fact]
    public void Load_KeyFileMissingOrTimeoutBroken_ProblemsNameTheKeys()
    {
        var result = ConfigLoader.Load(
            Config(new()
            {
                ["ChatOpsWatch:Ssh:Keys:default"] = Path.Combine(_dir, "nope"),
                ["ChatOpsWatch:Telegram:ConfirmTimeout"] = "soon",
            }),
            _ => null);

        Assert.False(result.Ok);
        Assert.Contains(result.Problems, p => p.Key == "ChatOpsWatch:Ssh:Keys:default:KeyFile" && p.Message.Contains("not a usable private key", StringComparison.Ordinal));
        Assert.Contains(result.Problems, p => p.Key == "ChatOpsWatch:Telegram:ConfirmTimeout");
    }

    [Fact]
    public void ConfirmTimeout_NotSet_TenMinutes() =>
        Assert.Equal(TimeSpan.FromMinutes(10), NodeAdminReader.ConfirmTimeout(new ConfigReader([]), Config([]).GetSection("ChatOpsWatch")));

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
