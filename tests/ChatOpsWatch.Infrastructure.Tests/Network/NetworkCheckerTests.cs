using System.Net;
using System.Net.Sockets;
using ChatOpsWatch.Domain.Network;
using ChatOpsWatch.Infrastructure.Network;

namespace ChatOpsWatch.Infrastructure.Tests.Network;

public sealed class NetworkCheckerTests : IDisposable
{
    private readonly TcpListener _open = new(IPAddress.Loopback, 0);

    public NetworkCheckerTests() => _open.Start(100);

    private int OpenPort => ((IPEndPoint)_open.LocalEndpoint).Port;

    public void Dispose() => _open.Dispose();

    private static int ClosedPort()
    {
        var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        var port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }

    [Fact]
    public async Task ProbeAsync_ListeningPort_RepliesWithConnectTime()
    {
        var r = await new TcpConnectProber(OpenPort, TimeProvider.System).ProbeAsync(IPAddress.Loopback, TimeSpan.FromSeconds(2), CancellationToken.None);

        var reply = Assert.IsType<EchoResult.Reply>(r);
        Assert.InRange(reply.Milliseconds, 0, 1000);
    }

    [Fact]
    public async Task ProbeAsync_ClosedPort_IsRefusedNotLost()
    {
        var r = await new TcpConnectProber(ClosedPort(), TimeProvider.System).ProbeAsync(IPAddress.Loopback, TimeSpan.FromSeconds(2), CancellationToken.None);

        Assert.IsType<EchoResult.Refused>(r);
    }

    [Fact]
    public async Task RunAsync_TcpBurstToOpenAndClosedPorts_ReportsEachPort()
    {
        var closed = ClosedPort();
        var checker = new NetworkChecker(new NotPermittedProber(), port => new TcpConnectProber(port, TimeProvider.System));

        var result = await checker.RunAsync(new NetworkCheckSpec("127.0.0.1", [OpenPort, closed], 5, TimeSpan.FromSeconds(1), Icmp: false), CancellationToken.None);

        var v = result.Values;
        Assert.Equal(0, v[$"net.loss_pct{{method=tcp,port={OpenPort}}}"]);
        Assert.Equal(1, v[$"net.tcp_open{{port={OpenPort}}}"]);
        Assert.True(v.ContainsKey($"net.tcp_connect_ms{{port={OpenPort},stat=jitter}}"));
        Assert.Equal(0, v[$"net.tcp_open{{port={closed}}}"]);
        Assert.Equal(["127.0.0.1"], result.Addresses);
        Assert.Equal(1, v["node.dns_resolved"]);
    }

    [Fact]
    public async Task RunAsync_IcmpNotPermitted_FallsBackToTcpAndSaysSo()
    {
        var denied = new NotPermittedProber();
        var checker = new NetworkChecker(denied, port => new TcpConnectProber(port, TimeProvider.System));

        var result = await checker.RunAsync(new NetworkCheckSpec("127.0.0.1", [OpenPort], 5, TimeSpan.FromSeconds(1), Icmp: true), CancellationToken.None);

        Assert.Equal(0, result.Values["net.icmp_permitted"]);
        Assert.False(result.Values.ContainsKey("net.loss_pct{method=icmp}"));
        Assert.Equal(0, result.Values[$"net.loss_pct{{method=tcp,port={OpenPort}}}"]);
        Assert.Equal("operation not permitted", result.IcmpFallback);
        Assert.Equal(1, denied.Calls); // gave up after the first refusal, not once per probe
    }

    [Fact]
    public async Task RunAsync_IcmpAllowedAsRoot_MeasuresEchoLoss()
    {
        var checker = NetworkChecker.Create(TimeProvider.System);

        var result = await checker.RunAsync(new NetworkCheckSpec("127.0.0.1", [OpenPort], 3, TimeSpan.FromSeconds(1), Icmp: true), CancellationToken.None);

        // This machine runs the tests as root, so .NET may open a raw ICMP socket.
        Assert.Equal(1, result.Values["net.icmp_permitted"]);
        Assert.Equal(0, result.Values["net.loss_pct{method=icmp}"]);
        Assert.True(result.Values.ContainsKey("net.icmp_rtt_ms{stat=avg}"));
    }

    [Fact]
    public async Task RunAsync_UnresolvableHost_ReportsDnsFailureAndNoAddresses()
    {
        var checker = NetworkChecker.Create(TimeProvider.System);

        var result = await checker.RunAsync(new NetworkCheckSpec("no-such-node.invalid", [22], 1, TimeSpan.FromSeconds(1), Icmp: false), CancellationToken.None);

        Assert.Equal(0, result.Values["node.dns_resolved"]);
        Assert.Null(result.Addresses);
        Assert.NotNull(result.DnsError);
    }

    private sealed class NotPermittedProber : IEchoProber
    {
        public int Calls { get; private set; }

        public Task<EchoResult> ProbeAsync(IPAddress address, TimeSpan timeout, CancellationToken ct)
        {
            Calls++;
            return Task.FromResult<EchoResult>(new EchoResult.NotPermitted("operation not permitted"));
        }
    }
}
