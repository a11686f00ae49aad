using ChatOpsWatch.Domain.Network;

namespace ChatOpsWatch.Domain.Tests.Network;

public sealed class BurstStatsTests
{
    private static EchoResult.Reply Ms(double ms) => new EchoResult.Reply(ms);

    private static readonly EchoResult Lost = new EchoResult.Lost("timeout");

    [Fact]
    public void Of_RepliesAndLosses_GivesMinAvgMaxJitterAndLoss()
    {
        var stats = BurstStats.Of([Ms(10), Ms(14), Lost, Ms(12), Ms(20)]);

        Assert.Equal(5, stats.Sent);
        Assert.Equal(20, stats.LossPct);
        Assert.Equal(10, stats.MinMs);
        Assert.Equal(14, stats.AvgMs);
        Assert.Equal(20, stats.MaxMs);
        Assert.Equal((4 + 2 + 8) / 3.0, stats.JitterMs!.Value, 9); // |14-10|, |12-14|, |20-12|
    }

    [Fact]
    public void Of_EverythingLost_HasNoLatencyAtAllNotZero()
    {
        var stats = BurstStats.Of([Lost, Lost, Lost]);

        Assert.Equal(100, stats.LossPct);
        Assert.Null(stats.MinMs);
        Assert.Null(stats.AvgMs);
        Assert.Null(stats.JitterMs);
    }

    [Fact]
    public void Of_RefusedConnects_AreAnswersNotLoss()
    {
        var stats = BurstStats.Of([new EchoResult.Refused(), new EchoResult.Refused()]);

        Assert.Equal(0, stats.LossPct);
        Assert.Equal(2, stats.Refused);
        Assert.Equal(0, stats.Replies);
    }

    [Fact]
    public void Of_OneReply_HasZeroJitter()
    {
        Assert.Equal(0, BurstStats.Of([Ms(7)]).JitterMs);
    }

    [Fact]
    public void Tcp_Burst_UsesTheStableKeysWithPortAndStatLabels()
    {
        var values = NetworkMetrics.Tcp(22, BurstStats.Of([Ms(1), Ms(3), Lost, Lost])).ToDictionary();

        Assert.Equal(50, values["net.loss_pct{method=tcp,port=22}"]);
        Assert.Equal(1, values["net.tcp_open{port=22}"]);
        Assert.Equal(1, values["net.tcp_connect_ms{port=22,stat=min}"]);
        Assert.Equal(2, values["net.tcp_connect_ms{port=22,stat=avg}"]);
        Assert.Equal(3, values["net.tcp_connect_ms{port=22,stat=max}"]);
        Assert.Equal(2, values["net.tcp_connect_ms{port=22,stat=jitter}"]);
    }

    [Fact]
    public void Tcp_PortRefusingEveryConnect_HasNoLossFigureRatherThanZero()
    {
        var values = NetworkMetrics.Tcp(8080, BurstStats.Of([new EchoResult.Refused(), new EchoResult.Refused(), new EchoResult.Refused()])).ToDictionary();

        Assert.DoesNotContain("net.loss_pct{method=tcp,port=8080}", values.Keys);
        Assert.Equal(0, values["net.tcp_open{port=8080}"]);
    }

    [Fact]
    public void Tcp_SomeRefusedSomeLost_StillCountsTheLoss()
    {
        var values = NetworkMetrics.Tcp(8080, BurstStats.Of([new EchoResult.Refused(), Lost])).ToDictionary();

        Assert.Equal(50, values["net.loss_pct{method=tcp,port=8080}"]);
    }

    [Fact]
    public void Tcp_PortClosed_ReportsNotOpenAndNoLatency()
    {
        var values = NetworkMetrics.Tcp(8080, BurstStats.Of([new EchoResult.Refused()])).ToDictionary();

        Assert.Equal(0, values["net.tcp_open{port=8080}"]);
        Assert.DoesNotContain(values.Keys, k => k.StartsWith("net.tcp_connect_ms", StringComparison.Ordinal));
    }
}
