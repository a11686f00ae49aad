using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;

namespace ChatOpsWatch.Testing.Network;

/// <summary>
/// A slow link for tests, since <c>tc netem</c> does not work here: a TCP proxy on 127.0.0.1 that hands every chunk on
/// <see cref="OneWay"/> after it arrived (the wall clock of a link, so <see cref="TimeProvider.System"/>), in order, in both directions. A round trip through it takes twice that.
/// </summary>
public sealed class SlowLinkProxy : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly IPEndPoint _target;
    private readonly CancellationTokenSource _stop = new();

    public SlowLinkProxy(string host, int port, TimeSpan oneWay)
    {
        _target = new IPEndPoint(IPAddress.Parse(host), port);
        OneWay = oneWay;
        _listener.Start();
        _ = AcceptAsync();
    }

    public TimeSpan OneWay { get; }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            _ = RelayAsync(client);
        }
    }

    private async Task RelayAsync(TcpClient client)
    {
        using var server = new TcpClient();
        using (client)
        {
            try
            {
                await server.ConnectAsync(_target, _stop.Token);
                var a = client.GetStream();
                var b = server.GetStream();
                await Task.WhenAny(PumpAsync(a, b), PumpAsync(b, a));
            }
            catch (Exception e) when (e is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
            {
            }
        }
    }

    private async Task PumpAsync(NetworkStream from, NetworkStream to)
    {
        var inFlight = Channel.CreateUnbounded<(long Arrived, byte[] Bytes)>();
        var writer = Task.Run(async () =>
        {
            await foreach (var (due, bytes) in inFlight.Reader.ReadAllAsync(_stop.Token))
            {
                var wait = OneWay - TimeProvider.System.GetElapsedTime(due);
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, _stop.Token);
                }

                await to.WriteAsync(bytes, _stop.Token);
            }
        });
        var buffer = new byte[65536];
        try
        {
            int read;
            while ((read = await from.ReadAsync(buffer, _stop.Token)) > 0)
            {
                await inFlight.Writer.WriteAsync((TimeProvider.System.GetTimestamp(), buffer[..read]), _stop.Token);
            }
        }
        finally
        {
            inFlight.Writer.TryComplete();
        }

        await writer;
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        _stop.Dispose();
    }
}
