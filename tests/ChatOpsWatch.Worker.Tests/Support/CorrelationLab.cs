using System.Globalization;
using System.Net;
using System.Net.Sockets;
using ChatOpsWatch.Testing.Lab;

namespace ChatOpsWatch.Worker.Tests.Support;

/// <summary>
/// Five real sshd nodes of one region (lab prefix "cor", net 245, directory /tmp/cow-lab-cor), plus a canary: a TCP
/// listener on 127.0.0.1 the tests open and close. Each test starts its own monitor and database.
/// </summary>
public sealed class CorrelationLab : IAsyncLifetime, IDisposable
{
    public const string Prefix = "cor";
    public const int Net = 245;
    public const int Count = 5;
    private static readonly Dictionary<string, string> Env = new() { ["COW_LAB_DIR"] = "/tmp/cow-lab-cor" };
    private TcpListener? _canary;
    private CancellationTokenSource? _accepting;

    public IReadOnlyList<LabNode> Nodes { get; private set; } = [];

    public static string Ed25519Key => Path.Combine(Env["COW_LAB_DIR"], "id_ed25519");

    public int CanaryPort { get; private set; }

    public async Task InitializeAsync()
    {
        var output = await Lab("up", Count.ToString(CultureInfo.InvariantCulture), "--prefix", Prefix, "--net", Net.ToString(CultureInfo.InvariantCulture));
        Nodes = [.. output.Split('\n').Select(l => l.Split(' ')).Where(f => f.Length == 4 && f[0] == "node").Select(f => new LabNode(f[1], f[2], int.Parse(f[3], CultureInfo.InvariantCulture)))];
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        CanaryPort = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        OpenCanary();
    }

    public async Task DisposeAsync()
    {
        CloseCanary();
        await Lab("down");
    }

    public void Dispose() => CloseCanary();

    /// <summary>Lifts every fault and restarts any stopped sshd; keys and pins stay.</summary>
    public static Task ResetAsync() => Lab("up", Count.ToString(CultureInfo.InvariantCulture), "--prefix", Prefix, "--net", Net.ToString(CultureInfo.InvariantCulture));

    public static Task<string> Lab(params string[] args) => ShellCommand.RunAsync("bash", [LabNodes.Script, .. args], Env);

    public Task StopAllAsync() => Task.WhenAll(Nodes.Select(n => Lab("stop-sshd", n.Name)));

    public Task StartAllAsync() => Task.WhenAll(Nodes.Select(n => Lab("start-sshd", n.Name)));

    /// <summary>Runs a command inside a node's namespace (as root, like lab.sh itself).</summary>
    public static Task<string> InNodeAsync(LabNode node, params string[] command) => ShellCommand.RunAsync("ip", ["netns", "exec", node.Name, .. command]);

    public void OpenCanary()
    {
        if (_canary is not null)
        {
            return;
        }

        _canary = new TcpListener(IPAddress.Loopback, CanaryPort);
        _canary.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        _canary.Start();
        _accepting = new CancellationTokenSource();
        var listener = _canary;
        var stop = _accepting.Token;
        _ = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    using var client = await listener.AcceptTcpClientAsync(stop);
                }
                catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
                {
                    return;
                }
            }
        });
    }

    /// <summary>Closes the canary's port: connects are refused, as when the monitor's own network is cut.</summary>
    public void CloseCanary()
    {
        _accepting?.Cancel();
        _canary?.Stop();
        _canary?.Dispose();
        _accepting?.Dispose();
        _canary = null;
        _accepting = null;
    }

    /// <summary>A monitor polling the five nodes every 2 s, with short correlation timings, reporting to the bot API.</summary>
    public Dictionary<string, string> Environment(string botApiUrl, string token, long opsChat)
    {
        var env = new Dictionary<string, string>
        {
            ["CHATOPSWATCH_TELEGRAM_TOKEN"] = token,
            ["ChatOpsWatch__Telegram__ApiBaseUrl"] = botApiUrl,
            ["ChatOpsWatch__Telegram__OpsChatId"] = opsChat.ToString(CultureInfo.InvariantCulture),
            ["ChatOpsWatch__Local__Enabled"] = "false",
            ["ChatOpsWatch__Ssh__ConnectTimeout"] = "2s",
            ["ChatOpsWatch__Ssh__ProbeDeadline"] = "3s",
            ["ChatOpsWatch__Ssh__MaxBackoff"] = "2s",
            ["ChatOpsWatch__Alerts__FailuresBeforeDown"] = "2",
            ["ChatOpsWatch__Monitor__Correlation__Window"] = "20s",
            ["ChatOpsWatch__Monitor__Correlation__Hold"] = "6s",
            ["ChatOpsWatch__Monitor__Canaries__0"] = $"127.0.0.1:{CanaryPort}",
            ["ChatOpsWatch__Monitor__CanaryInterval"] = "1s",
            ["ChatOpsWatch__Monitor__CanaryTimeout"] = "1s",
            ["Logging__LogLevel__Default"] = "Information",

            // Only reachability is under test: metric rules are switched off for every node by one override.
            ["ChatOpsWatch__Alerts__Overrides__0__Match__region"] = "lab-tokyo",
            ["ChatOpsWatch__Alerts__Overrides__0__Rule"] = "cpu",
            ["ChatOpsWatch__Alerts__Overrides__0__Enabled"] = "false",
            ["ChatOpsWatch__Alerts__Overrides__1__Match__region"] = "lab-tokyo",
            ["ChatOpsWatch__Alerts__Overrides__1__Rule"] = "memory",
            ["ChatOpsWatch__Alerts__Overrides__1__Enabled"] = "false",
            ["ChatOpsWatch__Alerts__Overrides__2__Match__region"] = "lab-tokyo",
            ["ChatOpsWatch__Alerts__Overrides__2__Rule"] = "disk",
            ["ChatOpsWatch__Alerts__Overrides__2__Enabled"] = "false",
        };
        for (var i = 0; i < Nodes.Count; i++)
        {
            var node = Nodes[i];
            env[$"ChatOpsWatch__Nodes__{i}__Name"] = node.Name;
            env[$"ChatOpsWatch__Nodes__{i}__Host"] = node.Address;
            env[$"ChatOpsWatch__Nodes__{i}__Port"] = node.Port.ToString(CultureInfo.InvariantCulture);
            env[$"ChatOpsWatch__Nodes__{i}__KeyFile"] = Ed25519Key;
            env[$"ChatOpsWatch__Nodes__{i}__Provider"] = $"lab{i % 2}";
            env[$"ChatOpsWatch__Nodes__{i}__Region"] = "lab-tokyo";
            env[$"ChatOpsWatch__Nodes__{i}__Interval"] = "2s";
        }

        return env;
    }
}

[CollectionDefinition(Name)]
public sealed class CorrelationLabGroup : ICollectionFixture<CorrelationLab>
{
    public const string Name = "five sshd nodes of one region (correlation)";
}
