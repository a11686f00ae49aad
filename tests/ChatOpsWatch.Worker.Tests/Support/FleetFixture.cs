using ChatOpsWatch.Testing.Lab;

namespace ChatOpsWatch.Worker.Tests.Support;

/// <summary>Three real sshd nodes shared by the end-to-end tests (each test starts its own monitor and database).</summary>
public sealed class FleetFixture : IAsyncLifetime
{
    public LabNodes Lab { get; private set; } = null!;

    public async Task InitializeAsync() => Lab = await LabNodes.StartAsync(3, "fleet", 234);

    public async Task DisposeAsync() => await Lab.DisposeAsync();

    /// <summary>Environment for a monitor polling the three nodes every 2 s and reporting to <paramref name="botApiUrl"/>.</summary>
    public Dictionary<string, string> Environment(string botApiUrl, string token, long opsChat)
    {
        var env = new Dictionary<string, string>
        {
            ["CHATOPSWATCH_TELEGRAM_TOKEN"] = token,
            ["ChatOpsWatch__Telegram__ApiBaseUrl"] = botApiUrl,
            ["ChatOpsWatch__Telegram__OpsChatId"] = opsChat.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["ChatOpsWatch__Local__Enabled"] = "false",
            ["ChatOpsWatch__Ssh__ConnectTimeout"] = "2s",
            ["ChatOpsWatch__Ssh__ProbeDeadline"] = "3s",
            ["ChatOpsWatch__Ssh__MaxBackoff"] = "2s",
            ["ChatOpsWatch__Alerts__FailuresBeforeDown"] = "2",
            ["Logging__LogLevel__Default"] = "Information",

            // These tests watch single nodes fail: send each "down" at once instead of holding it for a group outage.
            ["ChatOpsWatch__Monitor__Correlation__Hold"] = "0s",

            // The lab nodes share this machine, whose CPU other tests load: metric alerts would
            // depend on the machine's mood, so only reachability and host keys alert here.
            ["ChatOpsWatch__Alerts__Rules__0__Id"] = "cpu",
            ["ChatOpsWatch__Alerts__Rules__0__Warning"] = "100",
            ["ChatOpsWatch__Alerts__Rules__0__Critical"] = "100",
            ["ChatOpsWatch__Alerts__Rules__1__Id"] = "memory",
            ["ChatOpsWatch__Alerts__Rules__1__Warning"] = "100",
            ["ChatOpsWatch__Alerts__Rules__1__Critical"] = "100",
            ["ChatOpsWatch__Alerts__Rules__2__Id"] = "disk",
            ["ChatOpsWatch__Alerts__Rules__2__Warning"] = "100",
            ["ChatOpsWatch__Alerts__Rules__2__Critical"] = "100",
        };
        for (var i = 0; i < Lab.Nodes.Count; i++)
        {
            var node = Lab.Nodes[i];
            env[$"ChatOpsWatch__Nodes__{i}__Name"] = node.Name;
            env[$"ChatOpsWatch__Nodes__{i}__Host"] = node.Address;
            env[$"ChatOpsWatch__Nodes__{i}__Port"] = node.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
            env[$"ChatOpsWatch__Nodes__{i}__KeyFile"] = Lab.Ed25519Key;
            env[$"ChatOpsWatch__Nodes__{i}__Provider"] = "lab";
            env[$"ChatOpsWatch__Nodes__{i}__Region"] = "netns";
            env[$"ChatOpsWatch__Nodes__{i}__Interval"] = "2s";
        }

        return env;
    }
}

[CollectionDefinition(Name)]
public sealed class FleetGroup : ICollectionFixture<FleetFixture>
{
    public const string Name = "fleet of three sshd nodes";
}
