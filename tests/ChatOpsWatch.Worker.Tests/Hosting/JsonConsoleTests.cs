using System.Text.Json;
using ChatOpsWatch.Worker.Tests.Support;

namespace ChatOpsWatch.Worker.Tests.Hosting;

/// <summary>Console:Format=json as a log shipper reads it: every line one JSON object, no secret in any field.</summary>
public sealed class JsonConsoleTests : IDisposable
{
    private const string Token = "123456:AAJsonConsoleSecretTokenValue";

    private readonly string _workDir = Directory.CreateTempSubdirectory("cow-json-").FullName;

    [Fact]
    public async Task Run_JsonFormat_EveryLineIsAJsonObjectAndTheTokenIsInNone()
    {
        var env = new Dictionary<string, string>
        {
            ["ChatOpsWatch__Console__Format"] = "json",
            ["ChatOpsWatch__Local__Interval"] = "1s",
            ["ChatOpsWatch__Reports__DailyAt"] = "off",
            ["CHATOPSWATCH_TELEGRAM_TOKEN"] = Token,
            ["ChatOpsWatch__Telegram__OpsChatId"] = "-100123",
            ["ChatOpsWatch__Telegram__ApiBaseUrl"] = "http://127.0.0.1:9", // refused: the bot's errors are logged
        };
        await using var worker = WorkerProcess.Start(_workDir, env);

        await worker.WaitForLineAsync(l => l.Contains("ChatOpsWatch starting", StringComparison.Ordinal), TimeSpan.FromSeconds(60));
        await worker.WaitForLineAsync(l => l.Contains("\"LogLevel\":\"Warning\"", StringComparison.Ordinal) || l.Contains("\"LogLevel\":\"Error\"", StringComparison.Ordinal), TimeSpan.FromSeconds(60));
        var lines = worker.Lines.Where(l => l.Length > 0).ToList();

        Assert.All(lines, l =>
        {
            using var doc = JsonDocument.Parse(l);
            Assert.Equal(JsonValueKind.Object, doc.RootElement.ValueKind);
            Assert.True(doc.RootElement.TryGetProperty("Timestamp", out _), l);
        });
        Assert.DoesNotContain(lines, l => l.Contains(Token, StringComparison.Ordinal) || l.Contains("AAJsonConsole", StringComparison.Ordinal));
    }

    public void Dispose() => Directory.Delete(_workDir, recursive: true);
}
