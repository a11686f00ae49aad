using System.Net.Sockets;
using System.Reflection;
using Renci.SshNet;

namespace ChatOpsWatch.Infrastructure.Ssh;

/// <summary>
/// An SSH.NET client whose session socket stays a plain blocking socket (issue 10). SSH.NET connects with
/// <c>Socket.ConnectAsync</c> and reads the server's version line with <c>ReceiveAsync</c>; the first async operation
/// makes .NET switch the descriptor to non-blocking for good and register it with its epoll thread, so every later
/// blocking <c>Receive</c> on SSH.NET's listener thread becomes "EAGAIN, park, let the epoll thread wake me": two thread
/// wake-ups per SSH packet instead of one. SSH.NET takes its connector and version exchange from an internal
/// <c>IServiceFactory</c> (the internal <c>SshClient</c> constructor accepts one), so this hands it a
/// <see cref="DispatchProxy"/> over its own <c>ServiceFactory</c> that swaps only those two: the connector does a
/// synchronous connect bounded by <c>SO_SNDTIMEO</c> (which Linux applies to <c>connect</c>), and the version exchange
/// runs SSH.NET's own synchronous <c>Start</c>, which reads with <c>SO_RCVTIMEO</c>, each on a thread of its own
/// (<see cref="OffThePool{T}"/>). Both stop early when the caller's
/// token fires (a shutdown of the socket releases the blocked call). Nothing else changes: key exchange, host-key
/// check, authentication, heartbeat and keepalive run as before. When the internals are not shaped as expected,
/// <see cref="Create"/> says why and returns SSH.NET's ordinary client.
/// </summary>
public static class SshBlockingSocket
{
    /// <summary>The socket buffer sizes SSH.NET's async connector sets (2 × its largest packet), kept alike.</summary>
    private const int BufferSize = 137_072;

    private static readonly Assembly SshNet = typeof(SshClient).Assembly;
    private static readonly Type? FactoryInterface = SshNet.GetType("Renci.SshNet.IServiceFactory");
    private static readonly Type? ConnectorInterface = SshNet.GetType("Renci.SshNet.Connection.IConnector");
    private static readonly Type? ExchangeInterface = SshNet.GetType("Renci.SshNet.Connection.IProtocolVersionExchange");
    private static readonly ConstructorInfo? FactoryCtor = SshNet.GetType("Renci.SshNet.ServiceFactory")
        ?.GetConstructor(BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public, Type.EmptyTypes);

    private static readonly ConstructorInfo? ClientCtor = FactoryInterface is null
        ? null
        : typeof(SshClient).GetConstructor(BindingFlags.Instance | BindingFlags.NonPublic, [typeof(ConnectionInfo), typeof(bool), FactoryInterface]);

    /// <summary>Why the pinned SSH.NET cannot take the blocking path; null when it can (a test holds it null).</summary>
    public static string? Missing { get; } = FindMissing();

    /// <summary>
    /// A client for <paramref name="info"/> on the blocking path; SSH.NET's ordinary client when that path is missing,
    /// with the reason in <paramref name="fallback"/> (null on the blocking path). Never throws for a missing path.
    /// </summary>
    public static SshClient Create(ConnectionInfo info, out string? fallback)
    {
        ArgumentNullException.ThrowIfNull(info);
        fallback = Missing;
        if (fallback is null && OperatingSystem.IsLinux())
        {
            try
            {
                var factory = DispatchProxy.Create(FactoryInterface!, typeof(SshServiceFactoryProxy));
                ((SshServiceFactoryProxy)factory).Wrap(FactoryCtor!.Invoke(null), info.Timeout);
                return (SshClient)ClientCtor!.Invoke([info, false, factory]);
            }
            catch (Exception e) when (e is TargetInvocationException or ArgumentException or InvalidOperationException or NotSupportedException or MemberAccessException)
            {
                fallback = $"SSH.NET's service factory could not be wrapped: {e.GetType().Name}: {e.Message}";
            }
        }
        else
        {
            fallback ??= "the blocking session socket is built for Linux only";
        }

        return new SshClient(info);
    }

    /// <summary>
    /// A blocking TCP connect to <paramref name="host"/>:<paramref name="port"/> that never touches .NET's async socket
    /// engine: Linux bounds a blocking <c>connect</c> by the send timeout, and <paramref name="ct"/> aborts it with a
    /// shutdown. Throws <see cref="SocketException"/> (TimedOut included) or <see cref="OperationCanceledException"/>.
    /// </summary>
    internal static Socket Connect(string host, int port, TimeSpan timeout, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true }; // as SSH.NET's SocketFactory
        try
        {
            socket.SendTimeout = Milliseconds(timeout);
            using (ct.Register(static s => Abort((Socket)s!), socket))
            {
                socket.Connect(host, port);
            }

            ct.ThrowIfCancellationRequested();
            socket.SendTimeout = 0; // sends wait as before; TCP_USER_TIMEOUT (SshTcpKeepAlive) bounds a dead link
            socket.SendBufferSize = BufferSize;
            socket.ReceiveBufferSize = BufferSize;
            return socket;
        }
        catch (Exception e) when (ct.IsCancellationRequested && e is SocketException or ObjectDisposedException)
        {
            socket.Dispose();
            throw new OperationCanceledException(ct);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Runs a blocking step of the connect (TCP connect, waiting for the server's banner) on a thread of its own, as the
    /// async path waited for it on no thread: a fleet reconnecting to dead nodes (up to <see cref="SshConnectBudget"/>
    /// at once, each for up to the connect timeout) must not hold the thread pool's few workers, which run every poll.
    /// A thread costs far less than the handshake that follows.
    /// </summary>
    internal static Task<T> OffThePool<T>(Func<T> step) =>
        Task.Factory.StartNew(step, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    /// <summary>Releases a thread blocked in <c>connect</c> or <c>recv</c> on <paramref name="socket"/>. Never throws.</summary>
    internal static void Abort(Socket socket)
    {
        try
        {
            socket.Shutdown(SocketShutdown.Both);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            socket.Dispose(); // not connected yet: closing is what aborts the connect
        }
    }

    internal static int Milliseconds(TimeSpan timeout) =>
        timeout <= TimeSpan.Zero || timeout.TotalMilliseconds >= int.MaxValue ? 0 : Math.Max(1, (int)timeout.TotalMilliseconds);

    private static string? FindMissing()
    {
        if (FactoryInterface is null || ConnectorInterface is null || ExchangeInterface is null || FactoryCtor is null || ClientCtor is null)
        {
            return "SSH.NET's IServiceFactory, IConnector, IProtocolVersionExchange, ServiceFactory or internal SshClient constructor is gone";
        }

        return SshServiceFactoryProxy.Shape(FactoryInterface, ConnectorInterface, ExchangeInterface);
    }
}
