using ChatOpsWatch.Domain.Text;
using ChatOpsWatch.Domain.Ports;
using ChatOpsWatch.Domain.Probing;
using ChatOpsWatch.Infrastructure.Probe;
using ChatOpsWatch.Infrastructure.Ssh;
using ChatOpsWatch.Testing.Network;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChatOpsWatch.Infrastructure.Tests.Ssh;

/// <summary>
/// issue 12: on a slow link the transport delay is not clock offset. A real sshd node, on this machine's clock (so in
/// sync by construction), is reached through a proxy that delays every byte 600 ms each way. The probe reads the node's
/// clock last, so its line left the node half a round trip before the output arrived.
/// </summary>
[Collection(SshLabGroup.Name)]
public sealed class SshNodeSessionClockTests(SshLabFixture fixture)
{
    private static readonly TimeSpan OneWay = TimeSpan.FromMilliseconds(600);

    private static readonly SshSettings SlowLink = new(TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(30))
    {
        HeartbeatInterval = TimeSpan.Zero, // no beats between polls: the first poll's round trip comes from the poll itself
        HeartbeatTimeout = TimeSpan.FromSeconds(5),
    };

    [Fact]
    public async Task RunAsync_SlowLink_ClockOffsetOfANodeInSyncIsNotTheTransportDelay()
    {
        var node = fixture.Lab.Nodes[0];
        using var proxy = new SlowLinkProxy(node.Address, node.Port, OneWay);
        using var session = new SshNodeSession(
            new SshTarget(node.Name, "127.0.0.1", proxy.Port, "root", new SshAuth.KeyFile(fixture.Lab.Ed25519Key, null)),
            ProbeScript.RemoteCommand(TimeSpan.FromSeconds(15)),
            SlowLink,
            new InMemoryHostKeyStore(),
            TimeProvider.System,
            NullLogger<SshNodeSession>.Instance, TextCatalog.English);

        // Three polls on the session, judged like NTP's clock filter: the best of them. On a loaded machine one poll's
        // output can sit in the monitor's threads for a few hundred milliseconds after it arrived, which reads as offset.
        var offsets = new List<double>();
        for (var poll = 0; poll < 3; poll++)
        {
            var output = Assert.IsType<ProbeRun.Output>(await session.RunAsync(CancellationToken.None));

            var snapshot = ProbeParser.Parse(output.Stdout).Snapshot;
            Assert.NotNull(snapshot);
            var received = output.Received!.Value;
            // The proxy times its delay from when it read the bytes, the session from when it wrote them: a millisecond early is the clocks, not the link.
            Assert.InRange(output.RoundTrip!.Value.TotalMilliseconds, (2 * OneWay.TotalMilliseconds) - 20, (2 * OneWay.TotalMilliseconds) + 500);
            var naive = SampleCalculator.Compute(node.Name, null, snapshot, received).Get(SystemMetricNames.NodeClockOffsetSeconds)!.Value;
            offsets.Add(SampleCalculator.Compute(node.Name, null, snapshot, received, clockReference: output.ClockReference(received)).Get(SystemMetricNames.NodeClockOffsetSeconds)!.Value);
            Assert.True(naive < -0.5, $"the link should delay the clock line by about 0.6 s; read {naive:0.000} s");
        }

        Assert.InRange(offsets.MinBy(Math.Abs), -0.2, 0.2);
    }
}
