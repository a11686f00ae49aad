using System.Net;
using System.Net.Sockets;
using ChatOpsWatch.Domain.Correlation;
using Renci.SshNet;
using Microsoft.Extensions.Logging;
using Renci.SshNet.Common;

namespace ChatOpsWatch.Infrastructure.Ssh;

/// <summary>The node as a second vantage: can it open a TCP connection to another node's SSH port?</summary>
public sealed partial class SshNodeSession
{
    /// <summary>
    /// Asks this node, over its already open session, to connect to <paramref name="host"/>:<paramref name="port"/>:
    /// an SSH direct-tcpip channel (through a <see cref="ForwardedPortLocal"/> bound to an ephemeral port on 127.0.0.1 for
    /// the duration of the check). Nothing runs on the node, so nothing from the configuration reaches a shell. The
    /// target must be an SSH server, which speaks first: its banner proves the connection. A refused or failed channel
    /// (the vantage cannot reach it, or its sshd forbids AllowTcpForwarding) closes the socket: Unreachable. No open
    /// session: Unknown (a vantage is never connected just for this). Never throws except on cancellation.
    /// </summary>
    public async Task<VantageVerdict> ReachAsync(string host, int port, TimeSpan timeout, CancellationToken ct)
    {
        var client = _client;
        if (client is not { IsConnected: true })
        {
            return VantageVerdict.Unknown;
        }

        // SSH.NET blocks in places (FACTS.md): off the caller's thread, and answered at the deadline regardless.
        var work = Task.Run(() => ReachThroughAsync(client, host, port, timeout, ct), CancellationToken.None);
        try
        {
            return await work.WaitAsync(timeout + TimeSpan.FromSeconds(1), time, ct);
        }
        catch (TimeoutException)
        {
            return VantageVerdict.Unknown;
        }
    }

    private async Task<VantageVerdict> ReachThroughAsync(SshClient client, string host, int port, TimeSpan timeout, CancellationToken ct)
    {
        using var forward = new ForwardedPortLocal(IPAddress.Loopback.ToString(), 0, host, (uint)port);
        try
        {
            client.AddForwardedPort(forward);
            forward.Start();
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
            deadline.CancelAfter(timeout);
            await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, (int)forward.BoundPort), deadline.Token);
            var banner = new byte[4];
            var read = await socket.ReceiveAsync(banner, SocketFlags.None, deadline.Token);
            return read > 0 ? VantageVerdict.Reachable : VantageVerdict.Unreachable;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return VantageVerdict.Unreachable;
        }
        catch (SocketException)
        {
            return VantageVerdict.Unreachable;
        }
        catch (Exception ex) when (ex is SshException or InvalidOperationException or ObjectDisposedException)
        {
            log.LogInformation("Node {Node}: could not ask it as a vantage: {Error}", target.Node, Describe(ex));
            return VantageVerdict.Unknown;
        }
        finally
        {
            Release(client, forward);
        }
    }

    private static void Release(SshClient client, ForwardedPortLocal forward)
    {
        try
        {
            if (forward.IsStarted)
            {
                forward.Stop();
            }

            client.RemoveForwardedPort(forward);
        }
        catch (Exception ex) when (ex is SshException or InvalidOperationException or ObjectDisposedException)
        {
            // The session broke meanwhile; the next poll reconnects it.
        }
    }
}
