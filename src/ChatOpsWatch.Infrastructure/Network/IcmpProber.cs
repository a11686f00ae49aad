using System.ComponentModel;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using ChatOpsWatch.Domain.Network;

namespace ChatOpsWatch.Infrastructure.Network;

/// <summary>
/// One ICMP echo through <see cref="Ping"/>. On Linux .NET needs a raw socket (root or CAP_NET_RAW),
/// an unprivileged ICMP socket (net.ipv4.ping_group_range) or the ping utility; when none is
/// available it reports <see cref="EchoResult.NotPermitted"/> so the caller can fall back to TCP.
/// </summary>
public sealed class IcmpProber : IEchoProber
{
    public async Task<EchoResult> ProbeAsync(IPAddress address, TimeSpan timeout, CancellationToken ct)
    {
        using var ping = new Ping();
        try
        {
            var reply = await ping.SendPingAsync(address, timeout, cancellationToken: ct);
            return reply.Status == IPStatus.Success
                ? new EchoResult.Reply(reply.RoundtripTime)
                : new EchoResult.Lost(reply.Status.ToString());
        }
        catch (PingException ex) when (NotPermitted(ex))
        {
            return new EchoResult.NotPermitted(ex.InnerException?.Message ?? ex.Message);
        }
        catch (Exception ex) when (ex is PlatformNotSupportedException or UnauthorizedAccessException or SocketException)
        {
            // Measured as an unprivileged user on Debian 12 (ping_group_range "1 0", no ping binary):
            // .NET throws PlatformNotSupportedException "The system's ping utility could not be found",
            // not wrapped in a PingException.
            return new EchoResult.NotPermitted(ex.Message);
        }
        catch (PingException ex)
        {
            return new EchoResult.Lost(ex.InnerException?.Message ?? ex.Message);
        }
    }

    private static bool NotPermitted(PingException ex) => ex.InnerException switch
    {
        SocketException s => s.SocketErrorCode is SocketError.AccessDenied or SocketError.ProtocolNotSupported or SocketError.SocketNotSupported,
        UnauthorizedAccessException => true,
        Win32Exception => true, // the ping utility could not be started
        PlatformNotSupportedException => true,
        _ => false,
    };
}
