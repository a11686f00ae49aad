using System.Net.Sockets;
using System.Reflection;
using Renci.SshNet;

namespace ChatOpsWatch.Infrastructure.Ssh;

/// <summary>
/// The kernel's TCP keepalive on a session's socket (issue 10): after <see cref="Idle"/> without traffic the kernel sends
/// an empty ACK every <see cref="Interval"/>, and after <see cref="Probes"/> unanswered ones it fails the socket, which
/// breaks the session (SSH.NET raises its error) and a fresh connect confirms the loss. The node's kernel answers the
/// probe: no process on either end wakes, so a lost link is found between polls at no user-space CPU, which lets the SSH
/// heartbeat (which a frozen sshd needs, and which times round trips) run less often. <see cref="UserTimeout"/> bounds
/// the same wait while data is unacknowledged (a heartbeat or a poll in flight), where keepalive does not run. Only on
/// Linux; SSH.NET keeps the socket private, so it is reached by reflection like <see cref="SshHeartbeat"/>.
/// </summary>
public static class SshTcpKeepAlive
{
    /// <summary>Quiet time before the first probe.</summary>
    public static readonly TimeSpan Idle = TimeSpan.FromSeconds(4);

    /// <summary>Time between unanswered probes.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Unanswered probes before the link counts as lost: 5 at 1 s apart, so a link dropping 10 % of its packets (a probe
    /// or its ACK lost about 19 % of the time) fails 5 in a row about once in 4,000 probes, and the fresh connect that
    /// follows clears it without an alert.
    /// </summary>
    public const int Probes = 5;

    /// <summary>How long sent data may stay unacknowledged before the kernel fails the socket (TCP_USER_TIMEOUT).</summary>
    public static readonly TimeSpan UserTimeout = Idle + (Probes * Interval);

    private const int IpProtoTcp = 6;
    private const int TcpUserTimeoutOption = 18; // TCP_USER_TIMEOUT, linux/tcp.h

    private static readonly PropertyInfo? SessionProperty = typeof(BaseClient).GetProperty("Session", BindingFlags.Instance | BindingFlags.NonPublic);
    private static readonly FieldInfo? SocketField = typeof(Session).GetField("_socket", BindingFlags.Instance | BindingFlags.NonPublic);

    /// <summary>Whether this SSH.NET exposes the session's socket (a test holds it true on the pinned version).</summary>
    public static bool Available => SessionProperty is not null && SocketField is not null;

    /// <summary>Turns keepalive on for <paramref name="client"/>'s socket; false when it could not. Never throws.</summary>
    public static bool Apply(SshClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        return SocketOf(client) is { } socket && Apply(socket);
    }

    /// <summary>The socket of <paramref name="client"/>'s session; null when not connected or not reachable.</summary>
    internal static Socket? SocketOf(SshClient client) =>
        Available && SessionProperty!.GetValue(client) is Session session ? SocketField!.GetValue(session) as Socket : null;

    /// <summary>Turns keepalive on for a connected TCP socket; false off Linux or when the socket refuses. Never throws.</summary>
    public static bool Apply(Socket socket)
    {
        ArgumentNullException.ThrowIfNull(socket);
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        try
        {
            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive, true);
            socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveTime, (int)Idle.TotalSeconds);
            socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveInterval, (int)Interval.TotalSeconds);
            socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveRetryCount, Probes);
            socket.SetRawSocketOption(IpProtoTcp, TcpUserTimeoutOption, BitConverter.GetBytes((int)UserTimeout.TotalMilliseconds));
            return true;
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or PlatformNotSupportedException)
        {
            return false; // the heartbeat and the polls still judge the link
        }
    }
}
