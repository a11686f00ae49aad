using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;

namespace ChatOpsWatch.Testing.FakeBotApi;

/// <summary>
/// A Telegram Bot API server on 127.0.0.1 for tests: real HTTP, so the real Telegram.Bot client (its
/// serialization, error parsing and retry logic) is what gets tested. Serves <c>/bot&lt;token&gt;/&lt;method&gt;</c>
/// for the methods ChatOpsWatch uses, records every call, and fails on demand (<see cref="FailNext"/>).
/// </summary>
public sealed partial class FakeBotApiServer : IAsyncDisposable, IDisposable
{
    public const string DefaultToken = "123456:TEST-fake-token_0123456789abcdefghij";

    private static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(10);

    private readonly HttpListener listener;
    private readonly CancellationTokenSource stopping = new();
    private readonly ConcurrentDictionary<Task, bool> inFlight = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<FakeFailure>> failures = new(StringComparer.OrdinalIgnoreCase);
    private readonly Recorder<FakeCall> calls = new();
    private readonly Recorder<SentMessage> sent = new();
    private readonly Recorder<SentMessage> edits = new();
    private readonly Recorder<SentPhoto> photos = new();
    private readonly Recorder<long> leftChats = new();
    private readonly FakeUpdateQueue updates = new();
    private readonly Task acceptLoop;
    private int disposed;

    private FakeBotApiServer(string token, HttpListener listener, int port)
    {
        Token = token;
        this.listener = listener;
        BaseUrl = $"http://127.0.0.1:{port}";
        BotId = long.Parse(token.Split(':')[0], System.Globalization.CultureInfo.InvariantCulture);
        acceptLoop = Task.Run(AcceptLoopAsync);
    }

    public string Token { get; }

    /// <summary>Pass to <c>new TelegramBotClientOptions(token, BaseUrl)</c>.</summary>
    public string BaseUrl { get; }

    public long BotId { get; }

    public string BotUsername { get; } = "FakeOpsBot";

    /// <summary>Every request received, in arrival order, whatever was answered.</summary>
    public IReadOnlyList<FakeCall> Calls => calls.Snapshot();

    /// <summary>Messages accepted by sendMessage, in order.</summary>
    public IReadOnlyList<SentMessage> Sent => sent.Snapshot();

    /// <summary>Messages changed by editMessageText, in order.</summary>
    public IReadOnlyList<SentMessage> Edits => edits.Snapshot();

    public IReadOnlyList<long> LeftChats => leftChats.Snapshot();

    /// <summary>Photos accepted by sendPhoto (multipart uploads), in order, with the uploaded bytes.</summary>
    public IReadOnlyList<SentPhoto> Photos => photos.Snapshot();

    /// <summary>The bot's command menu as last set with setMyCommands.</summary>
    public IReadOnlyList<(string Command, string Description)> Commands { get; private set; } = [];

    /// <summary>Starts a server on a free loopback port.</summary>
    public static FakeBotApiServer Start(string token = DefaultToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var port = FreePort();
            var listener = new HttpListener();
            listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            try
            {
                listener.Start();
                return new FakeBotApiServer(token, listener, port);
            }
            catch (HttpListenerException) when (attempt < 10)
            {
                // Another process took the port between probing and binding: try another.
                listener.Close();
            }
        }
    }

    public int CallCount(string method) => Calls.Count(c => string.Equals(c.Method, method, StringComparison.OrdinalIgnoreCase));

    /// <summary>The next <paramref name="count"/> calls of <paramref name="method"/> fail with <paramref name="failure"/>.</summary>
    public void FailNext(string method, int count, FakeFailure failure)
    {
        var queue = failures.GetOrAdd(method, _ => new ConcurrentQueue<FakeFailure>());
        for (var i = 0; i < count; i++)
        {
            queue.Enqueue(failure);
        }
    }

    /// <summary>Waits until a sent message matches; returns it. Throws TimeoutException listing what was sent.</summary>
    public async Task<SentMessage> WaitForAsync(Func<SentMessage, bool> predicate, TimeSpan? timeout = null)
    {
        await sent.WaitUntilAsync(list => list.Any(predicate), timeout ?? DefaultWait, "a matching sendMessage");
        return Sent.First(predicate);
    }

    /// <summary>Waits until a sent photo matches; returns it. Throws TimeoutException listing what was sent.</summary>
    public async Task<SentPhoto> WaitForPhotoAsync(Func<SentPhoto, bool> predicate, TimeSpan? timeout = null)
    {
        await photos.WaitUntilAsync(list => list.Any(predicate), timeout ?? DefaultWait, "a matching sendPhoto");
        return Photos.First(predicate);
    }

    public async Task<FakeCall> WaitForCallAsync(Func<FakeCall, bool> predicate, TimeSpan? timeout = null)
    {
        await calls.WaitUntilAsync(list => list.Any(predicate), timeout ?? DefaultWait, "a matching call");
        return Calls.First(predicate);
    }

    public Task WaitForCallsAsync(string method, int count, TimeSpan? timeout = null) =>
        calls.WaitUntilAsync(
            list => list.Count(c => string.Equals(c.Method, method, StringComparison.OrdinalIgnoreCase)) >= count,
            timeout ?? DefaultWait,
            $"{count} {method} calls");

    public Task WaitForLeaveAsync(long chatId, TimeSpan? timeout = null) =>
        leftChats.WaitUntilAsync(list => list.Contains(chatId), timeout ?? DefaultWait, $"leaveChat {chatId}");

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1)
        {
            return;
        }

        await stopping.CancelAsync();
        listener.Close();
        await acceptLoop;
        await Task.WhenAll(inFlight.Keys).WaitAsync(TimeSpan.FromSeconds(5)).ContinueWith(_ => { }, TaskScheduler.Default);
        stopping.Dispose();
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private async Task AcceptLoopAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            HttpListenerContext ctx;
            try
            {
                ctx = await listener.GetContextAsync();
            }
            catch (Exception) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (HttpListenerException)
            {
                continue;
            }

            var task = Task.Run(() => ServeAsync(ctx));
            inFlight[task] = true;
            _ = task.ContinueWith(t => inFlight.TryRemove(t, out _), TaskScheduler.Default);
        }
    }

    private async Task ServeAsync(HttpListenerContext ctx)
    {
        try
        {
            var (status, body) = await RouteAsync(ctx.Request);
            if (body is null)
            {
                ctx.Response.Abort();
                return;
            }

            var bytes = Encoding.UTF8.GetBytes(body);
            ctx.Response.StatusCode = status;
            ctx.Response.ContentType = body.StartsWith('<') ? "text/html" : "application/json";
            ctx.Response.ContentLength64 = bytes.Length;
            await ctx.Response.OutputStream.WriteAsync(bytes, stopping.Token);
            ctx.Response.Close();
        }
        catch (Exception)
        {
            // The client went away (timeout, cancellation) or the server is stopping: nothing to answer.
            try
            {
                ctx.Response.Abort();
            }
            catch (ObjectDisposedException)
            {
            }
        }
    }

    /// <summary>A null body means: answer nothing, drop the connection.</summary>
    private async Task<(int Status, string? Body)> RouteAsync(HttpListenerRequest request)
    {
        var path = request.Url!.AbsolutePath;
        var slash = path.IndexOf('/', 1);
        if (!path.StartsWith("/bot", StringComparison.Ordinal) || slash < 0)
        {
            return (404, Json(FakeJson.Error(404, "Not Found")));
        }

        var token = path[4..slash];
        var method = path[(slash + 1)..];
        if (token != Token)
        {
            return (401, Json(FakeJson.Error(401, "Unauthorized")));
        }

        Dictionary<string, string> parameters;
        Dictionary<string, byte[]> files;
        try
        {
            (parameters, files) = await ReadParamsAsync(request);
        }
        catch (FormatException e)
        {
            return (400, Json(FakeJson.Error(400, "Bad Request: " + e.Message)));
        }

        var call = new FakeCall(method, parameters, TimeProvider.System.GetUtcNow()) { Files = files };
        calls.Add(call);
        if (OutageFailure(method) is { } down)
        {
            return await FailAsync(down);
        }

        if (failures.TryGetValue(method, out var queue) && queue.TryDequeue(out var failure))
        {
            return await FailAsync(failure);
        }

        var (status, json) = await InvokeAsync(call);
        return (status, Json(json));
    }

    private static string Json(JsonNode node) => node.ToJsonString();
}
