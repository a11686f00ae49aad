using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Domain.Text;
using ChatOpsWatch.Infrastructure.Delivery;
using ChatOpsWatch.Infrastructure.Storage;
using ChatOpsWatch.Infrastructure.Tests.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace ChatOpsWatch.Infrastructure.Tests.Reports;

/// <summary>The scheduled daily report on a real SQLite file, on a fake clock.</summary>
public sealed class DailyReportServiceTests : IDisposable
{
    private static readonly TimeOnly At = new(8, 0);
    private readonly TestDb db = new();

    public void Dispose() => db.Dispose();

    [Fact]
    public async Task RunDue_TwiceOnTheSameDayAndAfterARestart_QueuesOneReport()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 8, 0, 5, TimeSpan.Zero));
        await SeedAsync(time);

        Assert.True(await Service(time).RunDueAsync(default));
        Assert.False(await Service(time).RunDueAsync(default));
        db.Reopen();
        time.Advance(TimeSpan.FromHours(3));
        Assert.False(await Service(time).RunDueAsync(default));

        var queued = await db.Outbox.DueAsync(time.GetUtcNow(), 10, default);
        var report = Assert.Single(queued);
        Assert.Contains("Daily report</b> 2026-11-23 08:00 UTC – 2026-11-24 08:00 UTC", report.Message.Html, StringComparison.Ordinal);
        Assert.Null(report.Message.ChatId);
    }

    [Fact]
    public async Task RunDue_FreshInstallStartedAfterTheDailyTime_SendsNoReportOfTheDayBeforeIt()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 0, 44, 0, TimeSpan.Zero));
        db.Time.SetUtcNow(time.GetUtcNow());
        await db.Monitor.UpsertNodeAsync(Some.Node(), default);

        Assert.False(await Service(time).RunDueAsync(default));

        Assert.Empty(await db.Outbox.DueAsync(time.GetUtcNow(), 10, default));
        time.Advance(TimeSpan.FromHours(7).Add(TimeSpan.FromMinutes(16)));          // 08:00: the first monitored day
        Assert.True(await Service(time).RunDueAsync(default));
    }

    [Fact]
    public async Task RunDue_NextDay_QueuesTheNextReport()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 8, 0, 5, TimeSpan.Zero));
        await SeedAsync(time);
        Assert.True(await Service(time).RunDueAsync(default));

        time.Advance(TimeSpan.FromHours(23).Add(TimeSpan.FromMinutes(59)));
        Assert.False(await Service(time).RunDueAsync(default));
        time.Advance(TimeSpan.FromMinutes(1));
        Assert.True(await Service(time).RunDueAsync(default));

        Assert.Equal(2, (await db.Outbox.DueAsync(time.GetUtcNow(), 10, default)).Count);
    }

    [Fact]
    public async Task Execute_OnAClock_SendsAtTheScheduledTimeOnly()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 7, 0, 0, TimeSpan.Zero));
        await SeedAsync(time);
        using var service = Service(time);
        await db.Outbox.DueAsync(time.GetUtcNow(), 10, default);

        // Started at 07:00 with nothing sent yet: yesterday's 08:00 report is the latest due, sent as a catch-up.
        await service.StartAsync(default);
        await WaitForQueuedAsync(time, 1);
        time.Advance(TimeSpan.FromMinutes(59));
        await Task.Delay(100);
        Assert.Single(await db.Outbox.DueAsync(time.GetUtcNow(), 10, default));
        time.Advance(TimeSpan.FromMinutes(1));
        await WaitForQueuedAsync(time, 2);
        await service.StopAsync(default);
    }

    [Fact]
    public async Task Gather_CountsAnsweredPollsAgainstTheIntervalAndReadsExpiries()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 8, 0, 0, TimeSpan.Zero));
        await SeedAsync(time);

        var input = await new SqliteReportStore(db.Database).GatherAsync(time.GetUtcNow().AddHours(-1), time.GetUtcNow(), default);

        var node = Assert.Single(input.Nodes);
        Assert.Equal(120, node.ExpectedPolls);
        Assert.Equal(90, node.AnsweredPolls);
        var expiry = Assert.Single(input.Expiries);
        Assert.Equal(Domain.Reports.ExpiryKind.TlsCertificate, expiry.Kind);
        Assert.Equal("check=shop", expiry.Detail);
        Assert.Equal(5, expiry.DaysLeft);
    }

    [Fact]
    public async Task Gather_IncidentHistory_GivesTheEpisodesOpenInTheWindow()
    {
        var until = new DateTimeOffset(2026, 11, 24, 8, 0, 0, TimeSpan.Zero);
        var from = until.AddDays(-1);
        using (var raw = db.Raw())
        {
            Incident(raw, "db-1", "cpu", Severity.Critical, from.AddHours(2), from.AddHours(2).AddMinutes(23));
            Incident(raw, "web-1", "disk", Severity.Warning, from.AddHours(-5), null);                     // opened before, still open
            Incident(raw, "web-1", "memory", Severity.Warning, from.AddHours(-5), from.AddHours(-4));      // over before the window
            Incident(raw, "db-1", "unreachable", Severity.Critical, until.AddMinutes(1), null);          // after the window
        }

        var input = await new SqliteReportStore(db.Database).GatherAsync(from, until, default);

        Assert.Equal(["cpu", "disk"], input.Episodes.Select(e => e.Rule).Order(StringComparer.Ordinal));
        var cpu = Assert.Single(input.Episodes, e => e.Rule == "cpu");
        Assert.Equal(Severity.Critical, cpu.Severity);
        Assert.Equal(TimeSpan.FromMinutes(23), cpu.Resolved - cpu.Opened);
        Assert.Null(Assert.Single(input.Episodes, e => e.Rule == "disk").Resolved);
    }

    [Fact]
    public async Task NodeAllowedLegacySsh_IsSaidInTheDailyReportAndInNode()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 8, 0, 5, TimeSpan.Zero));
        await SeedAsync(time);
        await db.Monitor.UpsertNodeAsync(Some.Node() with { LegacySshAllowed = true }, default);

        Assert.True(await Service(time).RunDueAsync(default));

        var report = Assert.Single(await db.Outbox.DueAsync(time.GetUtcNow(), 10, default)).Message.Html;
        Assert.Matches(@"tokyo-1: [^\n]* ⚠ legacy SSH algorithms allowed\n", report);
        var status = Assert.Single(await db.Monitor.FleetAsync(default));
        Assert.True(status.Node.LegacySshAllowed);
        var node = ChatOpsWatch.Domain.Status.NodeDetailFormatter.Format(status, time.GetUtcNow(), TextCatalog.English);
        Assert.Contains("⚠ legacy SSH algorithms allowed (AllowLegacyAlgorithms)", node, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NodeNoLongerAllowedLegacySsh_IsNotSaidAnyMore()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 8, 0, 5, TimeSpan.Zero));
        await db.Monitor.UpsertNodeAsync(Some.Node() with { LegacySshAllowed = true }, default);
        await SeedAsync(time); // registers it again, as configured now: no legacy

        var input = await new SqliteReportStore(db.Database).GatherAsync(time.GetUtcNow().AddHours(-1), time.GetUtcNow(), default);

        Assert.False(Assert.Single(input.Nodes).LegacySsh);
        Assert.DoesNotContain("legacy", ChatOpsWatch.Domain.Reports.DailyReport.Format(input, TextCatalog.English), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Gather_EmptyDatabase_GivesAnEmptyReport()
    {
        var input = await new SqliteReportStore(db.Database).GatherAsync(Some.Now.AddDays(-1), Some.Now, default);

        Assert.Empty(input.Nodes);
        Assert.Empty(input.Expiries);
    }

    /// <summary>tokyo-1 (30 s polls) registered two days ago, answering 90 of the last hour's 120 polls.</summary>
    private async Task SeedAsync(FakeTimeProvider time)
    {
        var now = time.GetUtcNow();
        db.Time.SetUtcNow(now.AddDays(-2));
        var store = db.Monitor;
        await store.UpsertNodeAsync(Some.Node(), default);
        for (var i = 0; i < 90; i++)
        {
            var at = now.AddHours(-1).AddSeconds(30 * i);
            var sample = Some.Sample("tokyo-1", at);
            var values = new Dictionary<string, double>(sample.Values) { ["http.tls_days_left{check=shop}"] = 5 };
            await store.CommitPollAsync("tokyo-1", new PollDecision(sample with { Values = values }, [], []), at, default);
        }

        db.Time.SetUtcNow(now);
    }

    private static void Incident(Microsoft.Data.Sqlite.SqliteConnection raw, string node, string rule, Severity severity, DateTimeOffset opened, DateTimeOffset? resolved)
    {
        using var command = raw.CreateCommand();
        command.CommandText = """
            INSERT INTO incidents (node, tags, rule_id, series, security, severity, max_severity, opened_at, resolved_at, detail, updated_at)
            VALUES ($node, '{}', $rule, 'cpu.busy_pct', 0, $severity, $severity, $opened, $resolved, 'detail', $opened);
            """;
        command.Parameters.AddWithValue("$node", node);
        command.Parameters.AddWithValue("$rule", rule);
        command.Parameters.AddWithValue("$severity", (int)severity);
        command.Parameters.AddWithValue("$opened", opened.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$resolved", (object?)resolved?.ToUnixTimeMilliseconds() ?? DBNull.Value);
        command.ExecuteNonQuery();
    }

    private async Task WaitForQueuedAsync(FakeTimeProvider time, int count)
    {
        for (var i = 0; i < 200 && (await db.Outbox.DueAsync(time.GetUtcNow(), 10, default)).Count < count; i++)
        {
            await Task.Delay(25);
        }

        Assert.Equal(count, (await db.Outbox.DueAsync(time.GetUtcNow(), 10, default)).Count);
    }

    private DailyReportService Service(FakeTimeProvider time) =>
        new(new SqliteReportStore(db.Database), new OutboxSignal(time), TextCatalog.English, At, time, NullLogger<DailyReportService>.Instance);
}
