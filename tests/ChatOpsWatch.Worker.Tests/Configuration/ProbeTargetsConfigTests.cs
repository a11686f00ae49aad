using ChatOpsWatch.Worker.Configuration;
using Microsoft.Extensions.Configuration;

namespace ChatOpsWatch.Worker.Tests.Configuration;

public sealed class ProbeTargetsConfigTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("cow-targets-").FullName;

    private static ConfigLoader.Result Load(Dictionary<string, string?> values) =>
        ConfigLoader.Load(new ConfigurationBuilder().AddInMemoryCollection(values).Build(), _ => null);

    private string KeyFile() => ChatOpsWatch.Testing.Lab.TestKeys.Ed25519(_dir);

    [Fact]
    public void Load_ProcessesAndPortsAsListsAndAsOneString_ReachTheNodes()
    {
        var result = Load(new()
        {
            ["ChatOpsWatch:Local:Processes"] = "dotnet, sshd",
            ["ChatOpsWatch:Local:Ports"] = "22 8080",
            ["ChatOpsWatch:Nodes:0:Name"] = "web-1",
            ["ChatOpsWatch:Nodes:0:Host"] = "10.0.0.5",
            ["ChatOpsWatch:Nodes:0:KeyFile"] = KeyFile(),
            ["ChatOpsWatch:Nodes:0:Processes:0"] = "nginx",
            ["ChatOpsWatch:Nodes:0:Processes:1"] = "php-fpm8.2",
            ["ChatOpsWatch:Nodes:0:Ports:0"] = "443",
        });

        Assert.True(result.Ok, string.Join("\n", result.Problems));
        var local = result.Config!.Nodes.Single(n => n.Name == "local").Targets!;
        var web = result.Config.Nodes.Single(n => n.Name == "web-1").Targets!;
        Assert.Equal(["dotnet", "sshd"], local.Processes);
        Assert.Equal([22, 8080], local.Ports);
        Assert.Equal(["nginx", "php-fpm8.2"], web.Processes);
        Assert.Equal([443], web.Ports);
    }

    [Fact]
    public void Load_InjectionAttemptAndBadPort_ReportedWithKeyPathsAndNodeNotPolled()
    {
        var result = Load(new()
        {
            ["ChatOpsWatch:Local:Enabled"] = "false",
            ["ChatOpsWatch:Nodes:0:Name"] = "web-1",
            ["ChatOpsWatch:Nodes:0:Host"] = "10.0.0.5",
            ["ChatOpsWatch:Nodes:0:KeyFile"] = KeyFile(),
            ["ChatOpsWatch:Nodes:0:Processes:0"] = "nginx",
            ["ChatOpsWatch:Nodes:0:Processes:1"] = "x$(reboot)",
            ["ChatOpsWatch:Nodes:0:Ports:0"] = "443",
            ["ChatOpsWatch:Nodes:0:Ports:1"] = "70000",
        });

        Assert.False(result.Ok);
        Assert.Contains(result.Problems, p => p.Key == "ChatOpsWatch:Nodes:0:Processes:1" && p.Message.Contains("'x$(reboot)' is not a process name", StringComparison.Ordinal));
        Assert.Contains(result.Problems, p => p.Key == "ChatOpsWatch:Nodes:0:Ports:1" && p.Message.Contains("'70000' is not a TCP port", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_LocalProcessesWithShellText_ReportsTheKey()
    {
        var result = Load(new() { ["ChatOpsWatch:Local:Processes"] = "sshd;touch /tmp/x" });

        Assert.False(result.Ok);
        Assert.Contains(result.Problems, p => p.Key == "ChatOpsWatch:Local:Processes");
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
