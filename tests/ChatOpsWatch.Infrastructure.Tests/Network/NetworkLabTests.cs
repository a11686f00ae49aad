using System.Net;
using ChatOpsWatch.Domain.Network;
using ChatOpsWatch.Infrastructure.Network;
using ChatOpsWatch.Testing.Lab;
using Xunit.Abstractions;

namespace ChatOpsWatch.Infrastructure.Tests.Network;

/// <summary>One real sshd node on net 236 whose link drops packets.</summary>
public sealed class NetworkLabFixture : IAsyncLifetime
{
    public LabNodes Lab { get; private set; } = null!;

    public async Task InitializeAsync() => Lab = await LabNodes.StartAsync(1, "mon", 236);

    public async Task DisposeAsync() => await Lab.DisposeAsync();
}

public sealed class NetworkLabTests(NetworkLabFixture fixture, ITestOutputHelper output) : IClassFixture<NetworkLabFixture>
{
    [Fact]
    public async Task RunAsync_HealthyNode_NoLossOverBothMethods()
    {
        var node = fixture.Lab.Nodes[0];
        await fixture.Lab.ResetAsync();

        var result = await NetworkChecker.Create(TimeProvider.System).RunAsync(
            new NetworkCheckSpec(node.Address, [22], 5, TimeSpan.FromSeconds(1), Icmp: true), CancellationToken.None);

        Assert.Equal(0, result.Values["net.loss_pct{method=tcp,port=22}"]);
        Assert.Equal(0, result.Values["net.loss_pct{method=icmp}"]);
        Assert.Equal(1, result.Values["net.tcp_open{port=22}"]);
    }

    [Fact]
    public async Task Burst_ThirtyPercentDropEachWay_MeasuresLossBetweenTenAndFiftyPercent()
    {
        var node = fixture.Lab.Nodes[0];
        await fixture.Lab.ResetAsync();
        await fixture.Lab.RunAsync("drop", node.Name, "30");
        try
        {
            // 1.5 s lets the kernel retransmit a lost SYN once (initial RTO 1 s), as a real client would:
            // a single-SYN attempt would fail 1 - 0.7 * 0.7 = 51 % of the time at 30 % drop each way.
            var burst = await BurstProbe.RunAsync(new TcpConnectProber(22, TimeProvider.System), IPAddress.Parse(node.Address), 20, TimeSpan.FromMilliseconds(1500), CancellationToken.None);
            var values = NetworkMetrics.Tcp(22, burst.Stats).ToDictionary();
            output.WriteLine($"tcp: sent {burst.Stats.Sent}, lost {burst.Stats.Lost}, loss {burst.Stats.LossPct}%, avg {burst.Stats.AvgMs:0.0} ms, max {burst.Stats.MaxMs:0.0} ms, jitter {burst.Stats.JitterMs:0.0} ms");

            Assert.Equal(20, burst.Stats.Sent);
            Assert.InRange(values["net.loss_pct{method=tcp,port=22}"], 10, 50);
        }
        finally
        {
            await fixture.Lab.RunAsync("undrop", node.Name);
        }
    }

    [Fact]
    public async Task Burst_IcmpUnderDrop_CountsLostEchoes()
    {
        var node = fixture.Lab.Nodes[0];
        await fixture.Lab.ResetAsync();
        await fixture.Lab.RunAsync("drop", node.Name, "30");
        try
        {
            var burst = await BurstProbe.RunAsync(new IcmpProber(), IPAddress.Parse(node.Address), 20, TimeSpan.FromMilliseconds(500), CancellationToken.None);
            output.WriteLine($"icmp: sent {burst.Stats.Sent}, lost {burst.Stats.Lost}, loss {burst.Stats.LossPct}%");

            Assert.Null(burst.NotPermitted);
            Assert.InRange(burst.Stats.LossPct, 15, 90); // expected 51 %: echo or reply dropped
        }
        finally
        {
            await fixture.Lab.RunAsync("undrop", node.Name);
        }
    }
}
