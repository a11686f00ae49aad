using System.Net.Sockets;
using System.Reflection;
using System.Runtime.ExceptionServices;
using Renci.SshNet;
using Renci.SshNet.Connection;

namespace ChatOpsWatch.Infrastructure.Ssh;

/// <summary>
/// Stands in for SSH.NET's internal <c>IServiceFactory</c> (<see cref="SshBlockingSocket"/>): every call goes to SSH.NET's
/// own factory except <c>CreateSession</c> (the session is built on this factory, since SSH.NET's own passes itself),
/// <c>CreateConnector</c> (a direct connection gets <see cref="SshConnectorProxy"/>; a proxied one keeps
/// SSH.NET's) and <c>CreateProtocolVersionExchange</c> (wrapped in <see cref="SshVersionExchangeProxy"/>). Public only
/// because <see cref="DispatchProxy"/> derives a type from it at run time.
/// </summary>
public class SshServiceFactoryProxy : DispatchProxy
{
    private static readonly Type? FactoryInterface = typeof(Session).Assembly.GetType("Renci.SshNet.IServiceFactory");
    private static readonly Type? SocketFactoryInterface = typeof(Session).Assembly.GetType("Renci.SshNet.Connection.ISocketFactory");
    private static readonly ConstructorInfo? SessionCtor = FactoryInterface is null || SocketFactoryInterface is null
        ? null
        : typeof(Session).GetConstructor(BindingFlags.Instance | BindingFlags.NonPublic, [typeof(ConnectionInfo), FactoryInterface, SocketFactoryInterface]);

    private object? _inner;
    private TimeSpan _timeout;

    internal void Wrap(object inner, TimeSpan timeout)
    {
        _inner = inner;
        _timeout = timeout;
    }

    /// <summary>Null when the interfaces have the members this relies on, else what is missing.</summary>
    internal static string? Shape(Type factory, Type connector, Type exchange)
    {
        string[] needed =
        [
            SessionCtor is not null && Has(factory, "CreateSession", 2) ? "" : "Session(ConnectionInfo, IServiceFactory, ISocketFactory)",
            Has(factory, "CreateConnector", 2) ? "" : "IServiceFactory.CreateConnector(IConnectionInfo, ISocketFactory)",
            Has(factory, "CreateProtocolVersionExchange", 0) ? "" : "IServiceFactory.CreateProtocolVersionExchange()",
            Has(connector, "Connect", 1, typeof(Socket)) ? "" : "IConnector.Connect(IConnectionInfo)",
            Has(connector, "ConnectAsync", 2, typeof(Task<Socket>)) ? "" : "IConnector.ConnectAsync(IConnectionInfo, CancellationToken)",
            exchange.GetMethod("Start", [typeof(string), typeof(Socket), typeof(TimeSpan)]) is not null ? "" : "IProtocolVersionExchange.Start(string, Socket, TimeSpan)",
            Has(exchange, "StartAsync", 3, typeof(Task<SshIdentification>)) ? "" : "IProtocolVersionExchange.StartAsync(string, Socket, CancellationToken)",
        ];
        var missing = string.Join(", ", needed.Where(n => n.Length > 0));
        return missing.Length == 0 ? null : $"SSH.NET lacks {missing}";
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        if (targetMethod.Name == "CreateSession" && args is [ConnectionInfo info, { } sockets])
        {
            try
            {
                return SessionCtor!.Invoke([info, this, sockets]);
            }
            catch (TargetInvocationException e) when (e.InnerException is { } thrown)
            {
                ExceptionDispatchInfo.Throw(thrown);
            }
        }

        if (targetMethod.Name == "CreateConnector" && args is [ConnectionInfo { ProxyType: ProxyTypes.None }, ..])
        {
            return SshConnectorProxy.Over(targetMethod.ReturnType);
        }

        var inner = Forward(targetMethod, _inner!, args);
        return targetMethod.Name == "CreateProtocolVersionExchange" && inner is not null
            ? SshVersionExchangeProxy.Over(targetMethod.ReturnType, inner, _timeout)
            : inner;
    }

    /// <summary>Calls <paramref name="method"/> on <paramref name="target"/>, rethrowing what it threw as itself.</summary>
    internal static object? Forward(MethodInfo method, object target, object?[]? args)
    {
        try
        {
            return method.Invoke(target, args);
        }
        catch (TargetInvocationException e) when (e.InnerException is { } thrown)
        {
            ExceptionDispatchInfo.Throw(thrown);
            throw; // unreachable
        }
    }

    private static bool Has(Type type, string name, int parameters, Type? returns = null) =>
        type.GetMethods().Any(m => m.Name == name && m.GetParameters().Length == parameters && (returns is null || m.ReturnType == returns));
}

/// <summary>SSH.NET's <c>IConnector</c> for a direct connection, on <see cref="SshBlockingSocket.Connect"/>.</summary>
public class SshConnectorProxy : DispatchProxy
{
    internal static object Over(Type connector) => Create(connector, typeof(SshConnectorProxy));

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        ArgumentNullException.ThrowIfNull(args);
        var info = (ConnectionInfo)args[0]!;
        if (targetMethod.Name == "ConnectAsync")
        {
            var ct = (CancellationToken)args[1]!;
            return SshBlockingSocket.OffThePool(() => SshBlockingSocket.Connect(info.Host, info.Port, info.Timeout, ct));
        }

        return SshBlockingSocket.Connect(info.Host, info.Port, info.Timeout, CancellationToken.None);
    }
}

/// <summary>SSH.NET's <c>IProtocolVersionExchange</c> whose async start runs its own synchronous, blocking one.</summary>
public class SshVersionExchangeProxy : DispatchProxy
{
    private object? _inner;
    private TimeSpan _timeout;
    private MethodInfo? _start;

    internal static object Over(Type exchange, object inner, TimeSpan timeout)
    {
        var proxy = Create(exchange, typeof(SshVersionExchangeProxy));
        var self = (SshVersionExchangeProxy)proxy;
        self._inner = inner;
        self._timeout = timeout;
        self._start = exchange.GetMethod("Start", [typeof(string), typeof(Socket), typeof(TimeSpan)]);
        return proxy;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        ArgumentNullException.ThrowIfNull(args);
        if (targetMethod.Name != "StartAsync")
        {
            return SshServiceFactoryProxy.Forward(targetMethod, _inner!, args);
        }

        var socket = (Socket)args[1]!;
        var ct = (CancellationToken)args[2]!;
        return SshBlockingSocket.OffThePool(() => Start((string)args[0]!, socket, ct));
    }

    private SshIdentification Start(string clientVersion, Socket socket, CancellationToken ct)
    {
        try
        {
            ct.ThrowIfCancellationRequested();
            object? identification;
            using (ct.Register(static s => SshBlockingSocket.Abort((Socket)s!), socket))
            {
                identification = SshServiceFactoryProxy.Forward(_start!, _inner!, [clientVersion, socket, _timeout]);
            }

            ct.ThrowIfCancellationRequested();
            return (SshIdentification)identification!;
        }
        catch (Exception) when (ct.IsCancellationRequested)
        {
            throw new OperationCanceledException(ct);
        }
    }
}
