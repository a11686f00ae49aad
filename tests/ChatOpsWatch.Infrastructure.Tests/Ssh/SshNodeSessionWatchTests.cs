using ChatOpsWatch.Domain.Text;
using ChatOpsWatch.Domain.Network;
using ChatOpsWatch.Domain.Ports;
using ChatOpsWatch.Infrastructure.Ssh;
using ChatOpsWatch.Testing.Lab;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChatOpsWatch.Infrastructure.Tests.Ssh;

/// <summary>
/// Between polls, on real sshd nodes: heartbeats that want a reply time the link and cost the node no log line; a lost
/// link asks for a poll at once, whose fresh connect confirms the loss; a down node's return is noticed by its banner;
/// a changed host key stays "refused" while the reconnect backs off.
/// </summary>
[Collection(SshLabGroup.Name)]
public sealed class SshNodeSessionWatchTests(SshLabFixture fixture) : IDisposable
{
    private static readonly SshSettings Watchful = new SshSettings(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(30))
    {
        HeartbeatInterval = TimeSpan.FromSeconds(1),
        HeartbeatTimeout = TimeSpan.FromMilliseconds(700),
    };

    private readonly InMemoryHostKeyStore _keys = new();
    private readonly List<SshNodeSession> _sessions = [];
    private int _pollRequests;

    private LabNodes Lab => fixture.Lab;

    private SshNodeSession Session(LabNode node, SshSettings? settings = null)
    {
        var session = new SshNodeSession(
            new SshTarget(node.Name, node.Address, node.Port, "root", new SshAuth.KeyFile(Lab.Ed25519Key, null)),
            "echo ok",
            settings ?? Watchful,
            _keys,
            TimeProvider.System,
            NullLogger<SshNodeSession>.Instance, TextCatalog.English)
        {
            PollNow = () => Interlocked.Increment(ref _pollRequests),
        };
        _sessions.Add(session);
        return session;
    }

    private async Task PollRequestedAsync(TimeSpan within)
    {
        using var cts = new CancellationTokenSource(within);
        while (Volatile.Read(ref _pollRequests) == 0)
        {
            await Task.Delay(50, cts.Token);
        }
    }

    [Fact]
    public void Heartbeat_PinnedSshNet_OffersAGlobalRequestWithAReply() => Assert.True(SshHeartbeat.Available);

    [Fact]
    public void KeepAlive_PinnedSshNet_ExposesTheSessionsSocket() => Assert.True(SshTcpKeepAlive.Available);

    [Fact]
    public async Task KeepAlive_LinkBlackholedBetweenRareHeartbeats_BreaksTheSessionAndAsksForAPoll()
    {
        var node = Lab.Nodes[2];
        var session = Session(node, new SshSettings(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(30))
        {
            HeartbeatInterval = TimeSpan.FromSeconds(60), // no heartbeat within the test: only the kernel's keepalive can tell
        });
        Assert.IsType<ProbeRun.Output>(await session.RunAsync(CancellationToken.None));
        await Lab.BlackholeAsync(node);
        try
        {
            // keepalive: 4 s idle, then 5 probes 1 s apart; a tick (0.25 s) and the receive thread's error on top
            await PollRequestedAsync(SshTcpKeepAlive.UserTimeout + TimeSpan.FromSeconds(3));
            Assert.True(session.Suspect);
        }
        finally
        {
            await Lab.UnblackholeAsync(node);
        }
    }

    [Fact]
    public async Task Heartbeats_BetweenPolls_AreTimedAndLeaveNoLineInTheNodesLog()
    {
        var node = Lab.Nodes[0];
        var session = Session(node);
        Assert.IsType<ProbeRun.Output>(await session.RunAsync(CancellationToken.None));
        await Task.Delay(TimeSpan.FromSeconds(1)); // sshd logs the exec's channel closing a moment after it returns
        var logBefore = await File.ReadAllTextAsync(Lab.LogPath(node));

        await Task.Delay(TimeSpan.FromSeconds(4.5));

        var beats = session.TakeRoundTrips();
        Assert.True(beats.Count >= 2, $"{beats.Count} heartbeats");
        Assert.All(beats, b => Assert.IsType<EchoResult.Reply>(b));
        Assert.All(beats, b => Assert.InRange(((EchoResult.Reply)b).Milliseconds, 0.01, 700));
        var logAfter = await File.ReadAllTextAsync(Lab.LogPath(node));
        Assert.True(logAfter == logBefore, "sshd (LogLevel VERBOSE) logged during heartbeats:\n" + logAfter[Math.Min(logBefore.Length, logAfter.Length)..]);
        Assert.Equal(0, _pollRequests);
        Assert.False(session.Suspect);
    }

    [Fact]
    public async Task Heartbeat_SshdFrozen_AsksForAPollWhoseFreshConnectConfirmsTheLoss()
    {
        var node = Lab.Nodes[3];
        var session = Session(node);
        Assert.IsType<ProbeRun.Output>(await session.RunAsync(CancellationToken.None));
        await Lab.FreezeAsync(node);
        try
        {
            await PollRequestedAsync(TimeSpan.FromSeconds(5)); // interval 1 s + timeout 0.7 s
            Assert.True(session.Suspect);

            var confirmed = Assert.IsType<ProbeRun.Failure>(await session.RunAsync(CancellationToken.None));
            Assert.True(confirmed.Confirmed, confirmed.Error);
            Assert.Contains("heartbeat", confirmed.Error, StringComparison.Ordinal);
        }
        finally
        {
            await Lab.ThawAsync(node);
        }
    }

    [Fact]
    public async Task RunAsync_SshdFrozenAfterASuspectHeartbeat_ConfirmsByTheMissingBannerBeforeTheConnectTimeout()
    {
        var node = Lab.Nodes[3];
        var session = Session(node, Watchful with { ConnectTimeout = TimeSpan.FromSeconds(8), ProbeDeadline = TimeSpan.FromSeconds(8) });
        Assert.IsType<ProbeRun.Output>(await session.RunAsync(CancellationToken.None));
        await Lab.FreezeAsync(node);
        try
        {
            await PollRequestedAsync(TimeSpan.FromSeconds(5));
            var started = TimeProvider.System.GetTimestamp();

            var confirmed = Assert.IsType<ProbeRun.Failure>(await session.RunAsync(CancellationToken.None));

            // The kernel accepts the connect at once; 2 s without a banner confirm it, not the 8 s connect timeout.
            Assert.True(confirmed.Confirmed, confirmed.Error);
            Assert.Contains("no SSH banner", confirmed.Error, StringComparison.Ordinal);
            Assert.InRange(TimeProvider.System.GetElapsedTime(started).TotalSeconds, 1.5, 5);
        }
        finally
        {
            await Lab.ThawAsync(node);
        }
    }

    [Fact]
    public async Task Watch_SshdStoppedThenStarted_BreakAsksForAPollAndTheReturnIsNoticedByItsBanner()
    {
        var node = Lab.Nodes[1];
        var session = Session(node);
        Assert.IsType<ProbeRun.Output>(await session.RunAsync(CancellationToken.None));

        await Lab.StopSshdAsync(node);
        try
        {
            await PollRequestedAsync(TimeSpan.FromSeconds(5));
            var failure = Assert.IsType<ProbeRun.Failure>(await session.RunAsync(CancellationToken.None));
            Assert.True(failure.Confirmed, failure.Error);
            // Within the backoff: no network, and no confirmation asked for again.
            Assert.IsType<ProbeRun.Failure>(await session.RunAsync(CancellationToken.None));
            Interlocked.Exchange(ref _pollRequests, 0);
        }
        finally
        {
            await Lab.StartSshdAsync(node);
        }

        await PollRequestedAsync(TimeSpan.FromSeconds(5)); // the banner answered, whatever the 30 s backoff says
        Assert.IsType<ProbeRun.Output>(await session.RunAsync(CancellationToken.None));
    }

    [Fact]
    public async Task RunAsync_HostKeyChangedThenBackingOff_StaysRefusedNeverUnreachable()
    {
        var node = Lab.Nodes[2];
        var session = Session(node);
        Assert.IsType<ProbeRun.Output>(await session.RunAsync(CancellationToken.None));
        await Lab.RekeyAsync(node);

        for (var i = 0; i < 5; i++)
        {
            Assert.IsType<ProbeRun.HostKeyRejected>(await session.RunAsync(CancellationToken.None));
        }
    }

    public void Dispose() => _sessions.ForEach(s => s.Dispose());
}
