using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Domain.Samples;
using ChatOpsWatch.Domain.Text;
using ChatOpsWatch.Infrastructure.Storage;
using ChatOpsWatch.Infrastructure.Chat.Commands;
using ChatOpsWatch.Infrastructure.Tests.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using H = ChatOpsWatch.Infrastructure.Tests.Telegram.ChatBotHarness;

namespace ChatOpsWatch.Infrastructure.Tests.Chat.Commands;

/// <summary>/chart end to end: samples in a real SQLite file, a PNG through the outbox, sendPhoto to the fake Bot API.</summary>
public sealed class ChartCommandTests : IAsyncLifetime, IAsyncDisposable
{
    private const string DataDisk = "disk.used_pct{kind=data,mount=/data}";
    private static readonly DateTimeOffset Now = TimeProvider.System.GetUtcNow();
    private readonly H bot = new(H.Fleet(Now), h => [Chart(h)]);

    public static ChartCommand Chart(H h) => new(
        h.Store, new SqliteSeriesReader(h.Db.Database), h.Writer, new ChartOptions(TextCatalog.English, () => ThresholdRule.Defaults), TimeProvider.System, NullLogger<ChartCommand>.Instance);

    public async Task InitializeAsync()
    {
        await SeriesSeed.NodeAsync(bot.Db.Database, TimeProvider.System, "web-1");
        await SeriesSeed.NodeAsync(bot.Db.Database, TimeProvider.System, "db-1");

        // A week of 30 s polls: 20,160 samples, to be thinned to at most 2,000 points.
        SeriesSeed.Samples(bot.Db.Path, "web-1", SeriesSeed.Every(Now.AddDays(-7), Now, TimeSpan.FromSeconds(30), i => new Dictionary<string, double>
        {
            [MetricNames.CpuBusyPct] = 40 + (30 * Math.Sin(i / 500.0)),
            [DataDisk] = 60 + (i / 1000.0),
        }));
        SeriesSeed.Samples(bot.Db.Path, "db-1", [(Now.AddHours(-2), new Dictionary<string, double> { [MetricNames.CpuBusyPct] = 97 })]);
        await bot.StartAsync();
    }

    Task IAsyncLifetime.DisposeAsync() => bot.DisposeAsync().AsTask();

    ValueTask IAsyncDisposable.DisposeAsync() => bot.DisposeAsync();

    [Theory]
    [InlineData("/chart web-1 cpu.busy_pct", "cpu.busy_pct · 24h")]
    [InlineData("/chart@FakeOpsBot web-1 cpu.busy_pct 1h", "cpu.busy_pct · 1h")]
    [InlineData("/chart web-1 disk.used_pct{mount=/data} 7d", "disk.used_pct{kind=data,mount=/data} · 7d")]
    [InlineData("/chart web-1 cpu", "cpu.busy_pct · 24h")] // the cpu rule's name
    [InlineData("/chart web-1 disk{mount=/data} 7d", "disk.used_pct{kind=data,mount=/data} · 7d")] // the disk rule, labels kept
    public async Task Chart_StoredSeries_SendsARealPngWithItsCaption(string command, string expected)
    {
        bot.Api.EnqueueMessage(H.OpsGroup, H.Member, command);

        var photo = await bot.Api.WaitForPhotoAsync(p => p.ChatId == H.OpsGroup);

        Assert.True(photo.IsPng, "the upload starts with the PNG signature");
        Assert.InRange(photo.Bytes.Length, 5_000, 1_000_000);
        Assert.Contains("<b>web-1</b> · " + expected, photo.Caption, StringComparison.Ordinal);
        Assert.Equal("HTML", photo.ParseMode, ignoreCase: true);
        Assert.Equal("chart.png", photo.FileName);
        Assert.Empty(bot.Api.Sent);
    }

    [Fact]
    public async Task Chart_AskedInAForumTopic_SendsThePictureToThatTopic()
    {
        bot.Api.EnqueueMessage(H.OpsGroup, H.Member, "/chart web-1 cpu.busy_pct 1h", "supergroup", threadId: 17);

        await bot.Api.WaitForPhotoAsync(p => p.ChatId == H.OpsGroup);

        Assert.Equal("17", bot.Api.Calls.Single(c => c.Method == "sendPhoto").Param("message_thread_id"));
    }

    [Fact]
    public async Task Chart_MetricTheNodeNeverStored_SaysSoAndSuggestsSome()
    {
        bot.Api.EnqueueMessage(H.OpsGroup, H.Member, "/chart web-1 mem.used_pct");

        var reply = await bot.Api.WaitForAsync(m => m.ChatId == H.OpsGroup);

        Assert.Contains("<b>web-1</b> has no series “mem.used_pct”. Some it has: cpu.busy_pct", reply.Text, StringComparison.Ordinal);
        Assert.Empty(bot.Api.Photos);
    }

    [Fact]
    public async Task Chart_NoValuesInTheRange_AnswersInWordsNotWithAnEmptyChart()
    {
        bot.Api.EnqueueMessage(H.OpsGroup, H.Member, "/chart db-1 cpu.busy_pct 1h");

        var reply = await bot.Api.WaitForAsync(m => m.ChatId == H.OpsGroup);

        Assert.Contains("<b>db-1</b> stored no values of cpu.busy_pct in the last 1h", reply.Text, StringComparison.Ordinal);
        Assert.Empty(bot.Api.Photos);
    }

    [Theory]
    [InlineData("/chart web-1 a;touch /tmp/x", "contains ';'")]
    [InlineData("/chart web-1 cpu.busy_pct\n/tmp/x a", "usage")]
    [InlineData("/chart $(id) cpu.busy_pct", "contains '$'")]
    [InlineData("/chart web-1 -oProxyCommand=x", "starts with '-'")]
    [InlineData("/chart web-1 <b>", "markup is not accepted")]
    [InlineData("/chart web-1 cpu\u2028busy", "line breaks or control characters")]
    public async Task Chart_InjectionAttempt_IsRefusedWithTheReason(string command, string reason)
    {
        bot.Api.EnqueueMessage(H.OpsGroup, H.Member, command);

        var reply = await bot.Api.WaitForAsync(m => m.ChatId == H.OpsGroup);

        Assert.Contains(reason, reply.Text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b>>", reply.Text, StringComparison.Ordinal);
        Assert.Empty(bot.Api.Photos);
    }

    [Fact]
    public async Task Chart_ArgumentOf300Characters_IsRefusedAsTooLong()
    {
        bot.Api.EnqueueMessage(H.OpsGroup, H.Member, "/chart web-1 " + new string('a', 300));

        var reply = await bot.Api.WaitForAsync(m => m.ChatId == H.OpsGroup);

        Assert.Contains("is too long (300 characters)", reply.Text, StringComparison.Ordinal);
    }
}
