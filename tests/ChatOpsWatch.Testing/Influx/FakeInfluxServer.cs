using System.Collections.Concurrent;
using System.IO.Compression;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ChatOpsWatch.Testing.Influx;

/// <summary>One write request as the fake InfluxDB received it, its body un-gzipped.</summary>
public sealed record InfluxRequest(string PathAndQuery, string? Authorization, string? ContentEncoding, IReadOnlyList<string> Lines, int AnsweredStatus);

/// <summary>
/// An InfluxDB write endpoint over real HTTP on 127.0.0.1, whose answers a test chooses: by default 204, or whatever
/// <see cref="Answer"/> returns for a request's lines (status and body), so a test can refuse one bad point the way
/// influxd does (400 "partial write: unable to parse …"), fail with 5xx or refuse credentials.
/// </summary>
public sealed class FakeInfluxServer : IAsyncDisposable
{
    private readonly HttpListener _listener;
    private readonly ConcurrentQueue<InfluxRequest> _requests = new();
    private readonly Task _loop;

    private FakeInfluxServer(HttpListener listener, int port)
    {
        _listener = listener;
        Url = new Uri($"http://127.0.0.1:{port}");
        _loop = Task.Run(ServeAsync);
    }

    public Uri Url { get; }

    /// <summary>Decides each answer from the request's lines; null: 204.</summary>
    public Func<IReadOnlyList<string>, (int Status, string Body)?> Answer { get; set; } = _ => null;

    public IReadOnlyList<InfluxRequest> Requests => [.. _requests];

    /// <summary>The lines of every request answered 2xx, in the order they arrived.</summary>
    public IReadOnlyList<string> Stored => [.. _requests.Where(r => r.AnsweredStatus is >= 200 and < 300).SelectMany(r => r.Lines)];

    public static FakeInfluxServer Start()
    {
        for (var attempt = 0; ; attempt++)
        {
            using var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            var listener = new HttpListener();
            listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            try
            {
                listener.Start();
                return new FakeInfluxServer(listener, port);
            }
            catch (HttpListenerException) when (attempt < 10)
            {
                listener.Close();
            }
        }
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            var encoding = context.Request.Headers["Content-Encoding"];
            Stream body = context.Request.InputStream;
            if (encoding == "gzip")
            {
                body = new GZipStream(body, CompressionMode.Decompress);
            }

            string text;
            using (var reader = new StreamReader(body, Encoding.UTF8))
            {
                text = await reader.ReadToEndAsync();
            }

            var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            var (status, answer) = Answer(lines) ?? (204, string.Empty);
            _requests.Enqueue(new InfluxRequest(context.Request.Url!.PathAndQuery, context.Request.Headers["Authorization"], encoding, lines, status));
            context.Response.StatusCode = status;
            var bytes = Encoding.UTF8.GetBytes(answer);
            context.Response.ContentType = "application/json";
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _loop;
    }
}
