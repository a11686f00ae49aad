using System.Net;
using System.Net.Sockets;
using ChatOpsWatch.Domain.Network;

namespace ChatOpsWatch.Infrastructure.Network;

/// <summary>Times a full TCP connect (SYN → SYN/ACK) to one port, then closes the connection at once.</summary>
public sealed class TcpConnectProber(int port, TimeProvider time) : IEchoProber
{
    public int Port => port;

    public async Task<EchoResult> ProbeAsync(IPAddress address, TimeSpan timeout, CancellationToken ct)
    {
        using var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(timeout);
        var start = time.GetTimestamp();
        try
        {
            await socket.ConnectAsync(new IPEndPoint(address, port), cts.Token);
            var ms = time.GetElapsedTime(start).TotalMilliseconds;
            socket.LingerState = new LingerOption(true, 0); // RST: leave no TIME_WAIT behind per probe
            return new EchoResult.Reply(ms);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new EchoResult.Lost($"no answer within {timeout.TotalMilliseconds:0} ms");
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.ConnectionRefused)
        {
            return new EchoResult.Refused();
        }
        catch (SocketException ex)
        {
            // Unreachable host/network, reset: the probe got no usable answer.
            return new EchoResult.Lost(ex.SocketErrorCode.ToString());
        }
    }
}
