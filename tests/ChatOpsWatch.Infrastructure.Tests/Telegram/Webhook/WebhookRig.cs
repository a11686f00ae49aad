using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using ChatOpsWatch.Domain.Text;
using ChatOpsWatch.Infrastructure.Telegram;
using ChatOpsWatch.Infrastructure.Telegram.Webhook;
using ChatOpsWatch.Testing.FakeBotApi;

namespace ChatOpsWatch.Infrastructure.Tests.Telegram.Webhook;

/// <summary>A webhook server on a free 127.0.0.1 port, registered with a fake Bot API, and an HTTP client that posts to it.</summary>
public sealed class WebhookRig : IAsyncDisposable
{
    public const string Secret = "s3cret-Token_0123456789abcdef";

    private static int nextUpdateId = 5000;
    private readonly HttpClient http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private readonly FakeBotApiServer? ownApi;

    /// <param name="handler">What valid updates are handed to.</param>
    /// <param name="api">A fake Bot API to register with; a new one when null.</param>
    /// <param name="texts">The language of the command menu.</param>
    /// <param name="listenHost">The host of the configured Listen prefix; requests always go to 127.0.0.1.</param>
    public WebhookRig(ITelegramUpdateHandler handler, FakeBotApiServer? api = null, TextCatalog? texts = null, string listenHost = "127.0.0.1")
    {
        ownApi = api is null ? FakeBotApiServer.Start() : null;
        Api = api ?? ownApi!;
        var port = FreePort();
        Url = new Uri($"http://127.0.0.1:{port}/tg/");
        var listen = $"http://{listenHost}:{port}/tg/";
        Log = new CollectingLogger<TelegramWebhookServer>();
        Server = new TelegramWebhookServer(
            TelegramClientFactory.Create(Api.Token, Api.BaseUrl, TimeSpan.FromSeconds(5)),
            handler,
            new TelegramWebhookOptions(new Uri("https://bot.example.com:8443/tg/"), listen, Secret),
            TimeProvider.System,
            Log,
            texts ?? TextCatalog.English);
    }

    public FakeBotApiServer Api { get; }

    public Uri Url { get; }

    public TelegramWebhookServer Server { get; }

    public CollectingLogger<TelegramWebhookServer> Log { get; }

    public static int NextUpdateId() => Interlocked.Increment(ref nextUpdateId);

    /// <summary>A message update as Telegram posts it: a text from <paramref name="userId"/> in <paramref name="chatId"/>.</summary>
    public static string MessageUpdate(long updateId, long chatId, long userId, string text) => new JsonObject
    {
        ["update_id"] = updateId,
        ["message"] = new JsonObject
        {
            ["message_id"] = 1,
            ["date"] = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds(),
            ["chat"] = new JsonObject { ["id"] = chatId, ["type"] = chatId < 0 ? "group" : "private", ["title"] = "ops" },
            ["from"] = new JsonObject { ["id"] = userId, ["is_bot"] = false, ["first_name"] = "user", ["username"] = $"user{userId}" },
            ["text"] = text,
            ["entities"] = new JsonArray(new JsonObject { ["offset"] = 0, ["length"] = text.Split(' ')[0].Length, ["type"] = "bot_command" }),
        },
    }.ToJsonString();

    public Task StartAsync() => Server.StartAsync(default);

    /// <summary>POSTs <paramref name="body"/> with <paramref name="secret"/> in the header (none when null); returns the status.</summary>
    public async Task<HttpStatusCode> PostAsync(string body, string? secret = Secret)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (secret is not null)
        {
            request.Headers.Add(WebhookSecret.Header, secret);
        }

        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }

    public async ValueTask DisposeAsync()
    {
        // Bounded, as the host bounds its shutdown: a stop that hangs must fail loudly elsewhere, not stall the run.
        using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await Server.StopAsync(stopping.Token);
        Server.Dispose();
        http.Dispose();
        if (ownApi is not null)
        {
            await ownApi.DisposeAsync();
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
