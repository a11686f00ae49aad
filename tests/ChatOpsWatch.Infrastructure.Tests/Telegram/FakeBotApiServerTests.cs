using System.Net;
using System.Text.Json;
using ChatOpsWatch.Testing.FakeBotApi;

namespace ChatOpsWatch.Infrastructure.Tests.Telegram;

/// <summary>The fake must answer like Telegram where our code depends on it, or the other tests prove nothing.</summary>
public sealed class FakeBotApiServerTests : IAsyncDisposable
{
    private readonly FakeBotApiServer api = FakeBotApiServer.Start();
    private readonly HttpClient http = new();

    public async ValueTask DisposeAsync()
    {
        http.Dispose();
        await api.DisposeAsync();
    }

    [Fact]
    public async Task UnknownMethod_Is404MethodNotFound()
    {
        var (status, body) = await PostAsync($"/bot{api.Token}/sendTelepathy", "{}");

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("Not Found: method not found", body.GetProperty("description").GetString());
        Assert.Equal(404, body.GetProperty("error_code").GetInt32());
    }

    [Fact]
    public async Task WrongToken_Is401()
    {
        var (status, body) = await PostAsync("/bot1:nope/getMe", "{}");

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.False(body.GetProperty("ok").GetBoolean());
    }

    [Fact]
    public async Task SendMessage_FormBody_IsAcceptedAndDatedInSeconds()
    {
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["chat_id"] = "-100",
            ["text"] = "<b>hi</b>",
            ["parse_mode"] = "HTML",
            ["disable_notification"] = "true",
            ["message_thread_id"] = "3",
        });
        using var response = await http.PostAsync(new Uri($"{api.BaseUrl}/bot{api.Token}/sendMessage"), form);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        var date = doc.RootElement.GetProperty("result").GetProperty("date").GetInt64();
        Assert.InRange(date, 1_600_000_000, 4_000_000_000);
        var sent = Assert.Single(api.Sent);
        Assert.Equal((-100L, "<b>hi</b>", true, 3), (sent.ChatId, sent.Text, sent.DisableNotification, sent.MessageThreadId));
    }

    [Fact]
    public async Task EditMessageText_KnownMessage_IsRecorded()
    {
        await PostAsync($"/bot{api.Token}/sendMessage", """{"chat_id":-100,"text":"v1"}""");
        var id = api.Sent[0].MessageId;

        var (status, _) = await PostAsync($"/bot{api.Token}/editMessageText", $$"""{"chat_id":-100,"message_id":{{id}},"text":"v2"}""");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("v2", Assert.Single(api.Edits).Text);
    }

    [Fact]
    public async Task TooManyRequests_CarriesRetryAfter()
    {
        api.FailNext("sendMessage", 1, new FakeFailure.TooManyRequests(12));

        var (status, body) = await PostAsync($"/bot{api.Token}/sendMessage", """{"chat_id":-100,"text":"x"}""");

        Assert.Equal(HttpStatusCode.TooManyRequests, status);
        Assert.Equal(12, body.GetProperty("parameters").GetProperty("retry_after").GetInt32());
    }

    [Fact]
    public async Task SecondGetUpdates_TerminatesTheFirstWith409()
    {
        var first = PostAsync($"/bot{api.Token}/getUpdates", """{"timeout":5}""");
        await api.WaitForCallsAsync("getUpdates", 1);

        var second = PostAsync($"/bot{api.Token}/getUpdates", """{"timeout":0}""");

        Assert.Equal(HttpStatusCode.Conflict, (await first).Status);
        Assert.Equal(HttpStatusCode.OK, (await second).Status);
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(string path, string json)
    {
        using var content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        using var response = await http.PostAsync(new Uri(api.BaseUrl + path), content);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (response.StatusCode, doc.RootElement.Clone());
    }
}
