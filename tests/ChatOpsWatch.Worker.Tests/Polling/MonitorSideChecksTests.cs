using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Domain.Nodes;
using ChatOpsWatch.Infrastructure.Http;
using ChatOpsWatch.Infrastructure.Network;
using ChatOpsWatch.Infrastructure.Ssh;
using ChatOpsWatch.Worker.Configuration;
using ChatOpsWatch.Worker.Polling;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChatOpsWatch.Worker.Tests.Polling;

public sealed class MonitorSideChecksTests : IDisposable
{
    // Accepts connections in the kernel's backlog but never reads: an HTTP server that never answers.
    private readonly TcpListener _silent = new(IPAddress.Loopback, 0);

    public MonitorSideChecksTests() => _silent.Start(100);

    public void Dispose() => _silent.Dispose();

    [Fact]
    public async Task RunAsync_HttpCheckLongerThanTheProbeDeadline_IsCutAtTheDeadlineAsATimeout()
    {
        var port = ((IPEndPoint)_silent.LocalEndpoint).Port;
        var checks = NodeChecks.Default with
        {
            Icmp = false,
            TcpPorts = [port],
            Http = [new HttpCheckSpec("slow", new Uri($"http://127.0.0.1:{port}/"), null, TimeSpan.FromSeconds(30), null)],
        };
        var node = new NodeConfig(
            new NodeInfo("vps1", "p", "r", NodeRole.Core, TimeSpan.FromSeconds(30)),
            new SshTarget("vps1", "127.0.0.1", port, "root", new SshAuth.Password("x")),
            Checks: checks);
        var config = new ConfigHolder(new WatchConfig("db", [node], SshSettings.Default with { ProbeDeadline = TimeSpan.FromSeconds(1) }, MonitorSettings.Default, null, TimeSpan.FromMinutes(10)));
        var sideChecks = new MonitorSideChecks(NetworkChecker.Create(TimeProvider.System), new HttpChecker(TimeProvider.System), config, NullLogger<MonitorSideChecks>.Instance);

        var clock = Stopwatch.StartNew();
        var result = await sideChecks.RunAsync(node, CancellationToken.None);

        Assert.InRange(clock.Elapsed.TotalSeconds, 0.9, 3);
        Assert.Equal(1, result.Values["http.timeout{check=slow}"]);
        Assert.Equal(0, result.Values[$"net.loss_pct{{method=tcp,port={port}}}"]);
        Assert.Equal(["127.0.0.1"], result.Addresses);
    }

    [Fact]
    public async Task RunAsync_DefaultChecks_NeverConnectsToTheSshPort()
    {
        // The "SSH port" is a listener that records any connect in its backlog.
        var port = ((IPEndPoint)_silent.LocalEndpoint).Port;
        var node = new NodeConfig(
            new NodeInfo("vps1", "p", "r", NodeRole.Core, TimeSpan.FromSeconds(30)),
            new SshTarget("vps1", "127.0.0.1", port, "root", new SshAuth.Password("x")),
            Checks: NodeChecks.Default with { Icmp = false });
        var config = new ConfigHolder(new WatchConfig("db", [node], SshSettings.Default, MonitorSettings.Default, null, TimeSpan.FromMinutes(10)));
        var sideChecks = new MonitorSideChecks(NetworkChecker.Create(TimeProvider.System), new HttpChecker(TimeProvider.System), config, NullLogger<MonitorSideChecks>.Instance);

        var result = await sideChecks.RunAsync(node, CancellationToken.None);

        Assert.False(_silent.Pending());
        Assert.DoesNotContain(result.Values.Keys, k => k.StartsWith("net.tcp", StringComparison.Ordinal) || k.StartsWith("net.loss_pct{method=tcp", StringComparison.Ordinal));
        Assert.Equal(1, result.Values["node.dns_resolved"]);
    }
}
