using System.Net.Sockets;
using System.Text;
using ChatOpsWatch.Domain.Network;
using Microsoft.Extensions.Logging;
using Renci.SshNet;
using Renci.SshNet.Common;

namespace ChatOpsWatch.Infrastructure.Ssh;

/// <summary>
/// Between polls the session watches its node. While connected it sends a heartbeat that wants a reply every
/// <see cref="SshSettings.HeartbeatInterval"/> (skipped when a poll just proved the link); a reply that does not come
/// within <see cref="SshSettings.HeartbeatTimeout"/>, or the session breaking, makes it suspect and asks for a poll at once,
/// whose fresh connect confirms the loss or clears it. While the node is down after a network failure it checks, at the
/// same pace and whatever the reconnect backoff says, whether the node's SSH port answers with its banner again; the
/// first answer ends the backoff and asks for a poll, so a recovery is noticed within seconds, not at the next interval.
/// The heartbeats' round trips are the session's latency and loss figures (<see cref="TakeRoundTrips"/>).
/// </summary>
public sealed partial class SshNodeSession
{
    private readonly Lock _watchLock = new();
    private readonly List<EchoResult> _roundTrips = [];
    private readonly Queue<TimeSpan> _recentReplies = new();
    private CancellationTokenSource? _watchStop;
    private SshHeartbeat? _heartbeat;
    private SshClient? _attached;
    private int _polling;
    private volatile string? _suspect;
    private volatile bool _lastFailed;
    private volatile bool _networkFailure;
    private long _lastContact;
    private long _nextBanner;
    private int _bannerRunning;
    private volatile bool _beatLost;

    /// <summary>Asks for a poll of this node now (a confirming or recovery poll); set by the scheduler. Must not block.</summary>
    public Action? PollNow { get; init; }

    /// <summary>Something went wrong on the session that no poll has confirmed or cleared yet (correlation reads it).</summary>
    public bool Suspect => _suspect is not null;

    /// <summary>The heartbeats' round trips (and unanswered ones) since the last call; the poll stores them as net.ssh_*.</summary>
    public IReadOnlyList<EchoResult> TakeRoundTrips()
    {
        lock (_watchLock)
        {
            var taken = _roundTrips.ToList();
            _roundTrips.Clear();
            return taken;
        }
    }

    private void StartWatch()
    {
        if (settings.HeartbeatInterval <= TimeSpan.Zero || _watchStop is not null)
        {
            return;
        }

        lock (_watchLock)
        {
            if (_watchStop is not null || _disposed)
            {
                return;
            }

            _watchStop = new CancellationTokenSource();
        }

        SshHeartbeatClock.For(time).Add(this);
    }

    private void StopWatch()
    {
        lock (_watchLock)
        {
            _watchStop?.Cancel();
        }

        SshHeartbeatClock.For(time).Remove(this);
    }

    /// <summary>
    /// One look at the link, from the shared <see cref="SshHeartbeatClock"/>; never blocks. Sends the heartbeat when one is
    /// due, judges an unanswered one, or starts a banner check of a down node.
    /// </summary>
    internal void Tick()
    {
        try
        {
            TickOnce();
        }
        catch (Exception e)
        {
            // The watch must outlive any surprise from the library; the polls still judge the node.
            log.LogWarning(e, "Node {Node}: heartbeat failed unexpectedly", target.Node);
        }
    }

    private void TickOnce()
    {
        if (_disposed || Volatile.Read(ref _polling) == 1 || _suspect is not null)
        {
            return; // a poll is testing the link, or one was asked for
        }

        // Cheap checks first: a tick visits every session 4 times a second, and IsConnected asks the socket (a syscall).
        if (_client is { } client && _heartbeat is { } heartbeat)
        {
            if (heartbeat.Outstanding is { } waited)
            {
                if (waited >= settings.HeartbeatTimeout && !_beatLost)
                {
                    _beatLost = true;
                    heartbeat.GiveUp();
                    Record(new EchoResult.Lost("no heartbeat reply"));
                    MarkSuspect($"no heartbeat reply within {settings.HeartbeatTimeout.TotalSeconds:0.#} s");
                }

                return;
            }

            if (time.GetElapsedTime(Interlocked.Read(ref _lastContact)) >= settings.HeartbeatInterval && client.IsConnected)
            {
                _beatLost = false;
                heartbeat.Send(); // a poll within the interval proved the link; otherwise ask for a reply
            }

            return;
        }

        if (_client is null && _lastFailed && _networkFailure && _rejected is null && time.GetTimestamp() >= Interlocked.Read(ref _nextBanner)
            && Interlocked.CompareExchange(ref _bannerRunning, 1, 0) == 0)
        {
            // A steady pace: a check that waited out a connect timeout (a blackholed node) does not stretch the next gap.
            Interlocked.Exchange(ref _nextBanner, time.GetTimestamp() + (long)(settings.HeartbeatInterval.TotalSeconds * time.TimestampFrequency));
            _ = BannerCheckAsync(_watchStop?.Token ?? CancellationToken.None);
        }
    }

    private async Task BannerCheckAsync(CancellationToken stop)
    {
        try
        {
            if (await BannerAsync(stop) && !_disposed)
            {
                log.LogInformation("Node {Node}: its SSH port answers again; polling now", target.Node);
                _backoff.Succeed();
                _networkFailure = false;
                PollNow?.Invoke();
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        finally
        {
            Volatile.Write(ref _bannerRunning, 0);
        }
    }

    /// <summary>A heartbeat's reply, on SSH.NET's receive thread: the round trip is a contact with the node.</summary>
    private void OnHeartbeatReply(TimeSpan roundTrip)
    {
        Record(new EchoResult.Reply(roundTrip.TotalMilliseconds));
        Interlocked.Exchange(ref _lastContact, time.GetTimestamp());
    }

    private void MarkSuspect(string why)
    {
        if (_suspect is not null || _disposed)
        {
            return;
        }

        _suspect = why;
        log.LogWarning("Node {Node}: {Why}; confirming with a fresh connect now", target.Node, why);
        PollNow?.Invoke();
    }

    private void Record(EchoResult result)
    {
        lock (_watchLock)
        {
            if (_roundTrips.Count < 1000)
            {
                _roundTrips.Add(result);
            }

            if (result is EchoResult.Reply reply)
            {
                _recentReplies.Enqueue(TimeSpan.FromMilliseconds(reply.Milliseconds));
                if (_recentReplies.Count > RecentReplies)
                {
                    _recentReplies.Dequeue();
                }
            }
        }
    }

    private const int RecentReplies = 5;

    /// <summary>The median of the last few heartbeat round trips on this link; null before the first reply.</summary>
    private TimeSpan? RecentRoundTrip()
    {
        lock (_watchLock)
        {
            if (_recentReplies.Count == 0)
            {
                return null;
            }

            var sorted = _recentReplies.Order().ToArray();
            return sorted[sorted.Length / 2];
        }
    }

    /// <summary>
    /// The link's round trip for the poll's clock reading: the recent heartbeats', or one heartbeat timed now when there is
    /// none yet (the first poll of a session), so the transport delay is not read as clock offset on a slow link.
    /// </summary>
    private async Task<TimeSpan?> RoundTripForClockAsync(CancellationToken ct)
    {
        if (RecentRoundTrip() is { } known)
        {
            return known;
        }

        if (_heartbeat is not { } heartbeat)
        {
            return null;
        }

        var rtt = await heartbeat.BeatAsync(settings.HeartbeatTimeout, ct); // a reply is recorded by OnHeartbeatReply
        if (rtt is null)
        {
            Record(new EchoResult.Lost("no heartbeat reply"));
        }

        return rtt;
    }

    /// <summary>A TCP connect and the server's identification line: the cheapest proof that sshd is back. Never throws.</summary>
    private async Task<bool> BannerAsync(CancellationToken stop) => await NoBannerAsync(null, stop) is null;

    /// <summary>
    /// Why no SSH banner came (the connect failed or timed out, or no identification line followed it), or null when it
    /// came. The connect may take <see cref="SshSettings.ConnectTimeout"/>; the banner then <paramref name="bannerWait"/>
    /// (by default what is left of it). Never throws except on <paramref name="stop"/>.
    /// </summary>
    private async Task<string?> NoBannerAsync(TimeSpan? bannerWait, CancellationToken stop)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(stop);
        deadline.CancelAfter(settings.ConnectTimeout);
        var connected = false;
        try
        {
            using var tcp = new TcpClient();
            await tcp.ConnectAsync(target.Host, target.Port, deadline.Token);
            connected = true;
            if (bannerWait is { } wait)
            {
                deadline.CancelAfter(wait); // restarts the deadline: the connect is done, only the banner is awaited
            }

            var stream = tcp.GetStream();
            var buffer = new byte[256];
            var read = await stream.ReadAsync(buffer, deadline.Token);
            // Answer in kind, so sshd sees a client that changed its mind rather than a broken one.
            await stream.WriteAsync(Encoding.ASCII.GetBytes("SSH-2.0-ChatOpsWatch_check\r\n"), deadline.Token);
            return read >= 4 && Encoding.ASCII.GetString(buffer, 0, read).Contains("SSH-", StringComparison.Ordinal) ? null : "no SSH banner";
        }
        catch (Exception e) when (e is SocketException or IOException or OperationCanceledException && !stop.IsCancellationRequested)
        {
            return (connected, e) switch
            {
                (true, OperationCanceledException) => $"no SSH banner within {(bannerWait ?? settings.ConnectTimeout).TotalSeconds:0.#} s of the TCP connect",
                (true, _) => $"no SSH banner: {Describe(e)}",
                _ => Describe(e),
            };
        }
    }

    /// <summary>Watches a freshly connected client: a heartbeat on its session, and its breaking.</summary>
    private void Attach(SshClient client)
    {
        _attached = client;
        client.ErrorOccurred += OnSessionError;
        _heartbeat = SshHeartbeat.For(client, time, OnHeartbeatReply);
        if (settings.HeartbeatInterval > TimeSpan.Zero)
        {
            SshTcpKeepAlive.Apply(client); // a lost link breaks the session between heartbeats, at no CPU on either end
        }
        if (_heartbeat is null && settings.HeartbeatInterval > TimeSpan.Zero)
        {
            log.LogWarning("Node {Node}: this SSH.NET offers no heartbeat with a reply; only polls judge the node", target.Node);
        }
    }

    private void Detach()
    {
        if (_attached is { } client)
        {
            client.ErrorOccurred -= OnSessionError;
        }

        _heartbeat?.Dispose();
        _heartbeat = null;
        _attached = null;
    }

    private void OnSessionError(object? sender, ExceptionEventArgs e)
    {
        if (Volatile.Read(ref _polling) == 0)
        {
            MarkSuspect($"the session broke: {Describe(e.Exception)}");
        }
    }
}
