using System.Diagnostics;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using ChatOpsWatch.Domain.Ports;
using ChatOpsWatch.Domain.Text;
using ChatOpsWatch.Infrastructure.Ssh;
using ChatOpsWatch.Testing.Lab;
using Microsoft.Extensions.Logging.Abstractions;
using Renci.SshNet;
using Renci.SshNet.Common;

namespace ChatOpsWatch.Infrastructure.Tests.Ssh;

/// <summary>
/// The blocking session socket (issue 10) on real sshd nodes: the socket never goes through .NET's epoll thread, and the
/// session on it still polls, pins host keys, times out its connect, survives a blackhole and a frozen sshd, and is
/// released by Dispose while SSH.NET's receive thread is blocked in <c>recv</c> on a dead link.
/// </summary>
[Collection(SshLabGroup.Name)]
public sealed partial class SshBlockingSocketTests(SshLabFixture fixture) : IDisposable
{
    private const int ONonBlock = 0x800; // O_NONBLOCK, asm-generic/fcntl.h

    private static readonly SshSettings Quick = new SshSettings(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(4))
    {
        HeartbeatInterval = TimeSpan.FromSeconds(1),
        HeartbeatTimeout = TimeSpan.FromMilliseconds(700),
    };

    private readonly List<IDisposable> _owned = [];

    private LabNodes Lab => fixture.Lab;

    private LabNode Faulty => Lab.Nodes[3];

    [Fact]
    public void Missing_PinnedSshNet_HasEverythingTheBlockingPathNeeds() => Assert.Null(SshBlockingSocket.Missing);

    [Fact]
    public async Task FdProbes_SocketAfterAnAsyncReceive_SeeItNonBlockingAndInEpoll()
    {
        // The control for the test below: what SSH.NET's own path does to its socket, seen by the same probes.
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync((System.Net.IPEndPoint)listener.LocalEndpoint);
        using var accepted = await listener.AcceptSocketAsync();
        var pending = socket.ReceiveAsync(new byte[1], SocketFlags.None);
        await Task.Delay(100);

        var fd = (int)socket.Handle;
        Assert.Equal(ONonBlock, FdFlags(fd) & ONonBlock);
        Assert.Contains(fd, EpollWatched());
        accepted.Send([1]);
        Assert.Equal(1, await pending);
    }

    [Fact]
    public async Task ConnectAsync_LabNode_SocketStaysBlockingOutsideEpollAndTheHostKeyIsStillChecked()
    {
        var keys = 0;
        var client = Client(Lab.Nodes[0], out var fallback);
        client.HostKeyReceived += (_, e) => Interlocked.Increment(ref keys);

        await ConnectAsync(client);
        using var command = client.RunCommand("echo ok");

        Assert.Null(fallback);
        Assert.Equal("ok\n", command.Result);
        Assert.Equal(1, keys);
        var fd = (int)SshTcpKeepAlive.SocketOf(client)!.Handle;
        Assert.Equal(0, FdFlags(fd) & ONonBlock);
        Assert.DoesNotContain(fd, EpollWatched());
    }

    [Fact]
    public async Task ConnectAsync_Blackholed_FailsWithinTheConnectTimeout()
    {
        var client = Client(Faulty, out _);
        await Lab.BlackholeAsync(Faulty);
        try
        {
            var clock = Stopwatch.StartNew();
            var e = await Assert.ThrowsAnyAsync<Exception>(() => ConnectAsync(client));
            Assert.True(e is SshOperationTimeoutException or OperationCanceledException or SocketException, e.ToString());
            Assert.Contains(nameof(SshConnectorProxy), e.ToString(), StringComparison.Ordinal); // our connector timed out, not SSH.NET's
            Assert.InRange(clock.Elapsed, Quick.ConnectTimeout * 0.9, Quick.ConnectTimeout + TimeSpan.FromSeconds(1));
        }
        finally
        {
            await Lab.UnblackholeAsync(Faulty);
        }
    }

    [Theory]
    [InlineData("blackhole")]
    [InlineData("freeze")]
    public async Task Dispose_LinkDeadWhileTheReceiveThreadIsBlocked_ReturnsAtOnce(string fault)
    {
        var client = Client(Faulty, out _);
        await ConnectAsync(client);
        await FaultAsync(fault);
        try
        {
            await Task.Delay(300); // the receive thread is parked in recv on a link that answers nothing
            var clock = Stopwatch.StartNew();
            await Task.Run(client.Dispose).WaitAsync(TimeSpan.FromSeconds(10));
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"Dispose took {clock.Elapsed}");
        }
        finally
        {
            await LiftAsync(fault);
        }
    }

    [Theory]
    [InlineData("blackhole")]
    [InlineData("freeze")]
    public async Task RunAsync_FaultThenLifted_FailsThenPollsAgainOnTheBlockingPath(string fault)
    {
        var session = new SshNodeSession(
            new SshTarget(Faulty.Name, Faulty.Address, Faulty.Port, "root", new SshAuth.KeyFile(Lab.Ed25519Key, null)),
            "echo ok", Quick, new InMemoryHostKeyStore(), TimeProvider.System, NullLogger<SshNodeSession>.Instance, TextCatalog.English);
        _owned.Add(session);
        Assert.IsType<ProbeRun.Output>(await session.RunAsync(CancellationToken.None));

        await FaultAsync(fault);
        try
        {
            Assert.IsType<ProbeRun.Failure>(await session.RunAsync(CancellationToken.None));
        }
        finally
        {
            await LiftAsync(fault);
        }

        var back = await PollUntilOutputAsync(session, TimeSpan.FromSeconds(20));
        Assert.IsType<ProbeRun.Output>(back);
        Assert.Equal(2, session.Connects);
    }

    public void Dispose() => _owned.ForEach(o => o.Dispose());

    private SshClient Client(LabNode node, out string? fallback)
    {
        var client = SshConnectionFactory.Create(
            new SshTarget(node.Name, node.Address, node.Port, "root", new SshAuth.KeyFile(Lab.Ed25519Key, null)), Quick, out fallback);
        _owned.Add(client);
        return client;
    }

    /// <summary>As <see cref="SshNodeSession"/> connects: async, under a token that fires at the connect timeout.</summary>
    private static async Task ConnectAsync(SshClient client)
    {
        using var timeout = new CancellationTokenSource(Quick.ConnectTimeout);
        await Task.Run(() => client.ConnectAsync(timeout.Token));
    }

    private static async Task<ProbeRun> PollUntilOutputAsync(SshNodeSession session, TimeSpan within)
    {
        var clock = Stopwatch.StartNew();
        ProbeRun run;
        do
        {
            run = await session.RunAsync(CancellationToken.None);
            if (run is ProbeRun.Output)
            {
                break;
            }

            await Task.Delay(500);
        }
        while (clock.Elapsed < within);

        return run;
    }

    private Task FaultAsync(string fault) => fault == "freeze" ? Lab.FreezeAsync(Faulty) : Lab.BlackholeAsync(Faulty);

    private Task LiftAsync(string fault) => fault == "freeze" ? Lab.ThawAsync(Faulty) : Lab.UnblackholeAsync(Faulty);

    private static int FdFlags(int fd) =>
        Convert.ToInt32(File.ReadLines($"/proc/self/fdinfo/{fd}").First(l => l.StartsWith("flags:", StringComparison.Ordinal))[6..].Trim(), 8);

    /// <summary>Every descriptor some epoll instance of this process watches (the "tfd:" lines of its fdinfo).</summary>
    private static HashSet<int> EpollWatched()
    {
        var watched = new HashSet<int>();
        foreach (var info in Directory.EnumerateFiles("/proc/self/fdinfo"))
        {
            try
            {
                foreach (Match m in WatchedFd().Matches(File.ReadAllText(info)))
                {
                    watched.Add(int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
                }
            }
            catch (IOException)
            {
                // a descriptor closed while listing
            }
        }

        return watched;
    }

    [GeneratedRegex(@"^tfd:\s+(\d+)\s", RegexOptions.Multiline)]
    private static partial Regex WatchedFd();
}
