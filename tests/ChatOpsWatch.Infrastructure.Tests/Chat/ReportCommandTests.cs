using ChatOpsWatch.Domain.Text;
using ChatOpsWatch.Infrastructure.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using H = ChatOpsWatch.Infrastructure.Tests.Telegram.ChatBotHarness;
using ChatOpsWatch.Infrastructure.Chat;

namespace ChatOpsWatch.Infrastructure.Tests.Chat;

/// <summary>/report through the real Telegram.Bot client, the fake Bot API and a real SQLite file.</summary>
public sealed class ReportCommandTests : IAsyncLifetime, IAsyncDisposable
{
    private readonly H bot = new(
        H.Fleet(TimeProvider.System.GetUtcNow()),
        commands: h => [new ReportCommand(new SqliteReportStore(h.Db.Database), h.Writer, TextCatalog.English, TimeProvider.System, NullLogger<ReportCommand>.Instance)]);

    public Task InitializeAsync() => bot.StartAsync();

    Task IAsyncLifetime.DisposeAsync() => bot.DisposeAsync().AsTask();

    ValueTask IAsyncDisposable.DisposeAsync() => bot.DisposeAsync();

    [Theory]
    [InlineData("/report")]
    [InlineData("/report@FakeOpsBot 7d")]
    public async Task Report_ByAMember_AnswersWithTheReport(string command)
    {
        bot.Api.EnqueueMessage(H.OpsGroup, H.Member, command);

        var reply = await bot.Api.WaitForAsync(m => m.ChatId == H.OpsGroup);

        Assert.Contains("Daily report", reply.Text, StringComparison.Ordinal);
        Assert.Contains("Uptime", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_WithAnUnknownPeriod_SaysWhichOnesExist()
    {
        bot.Api.EnqueueMessage(H.OpsGroup, H.Member, "/report $(id)");

        var reply = await bot.Api.WaitForAsync(m => m.ChatId == H.OpsGroup);

        Assert.Contains("Not a report period: <code>$(id)</code>", reply.Text, StringComparison.Ordinal);
    }
}
