using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Infrastructure.Storage;
using H = ChatOpsWatch.Infrastructure.Tests.Incidents.IncidentHarness;

namespace ChatOpsWatch.Infrastructure.Tests.Incidents;

/// <summary>The daily report (and /report) counts the incidents of its window from the incident history.</summary>
public sealed class IncidentReportTests : IAsyncLifetime, IAsyncDisposable
{
    private readonly H h = new();

    public Task InitializeAsync() => h.InitializeAsync();

    Task IAsyncLifetime.DisposeAsync() => h.DisposeAsync().AsTask();

    ValueTask IAsyncDisposable.DisposeAsync() => h.DisposeAsync();

    [Fact]
    public async Task Gather_AResolvedCriticalAndAnOpenWarning_ReportsBothWithTheWorstSeverityReached()
    {
        var start = h.Db.Time.GetUtcNow();
        await h.PollEveryMinuteAsync(90, 90, 90, 90, 90, 60);         // warning, critical from minute 4, resolved at 5
        var between = h.Db.Time.GetUtcNow();
        await h.PollEveryMinuteAsync(80);                             // a new warning, still open

        var report = await new SqliteReportStore(h.Db.Database).GatherAsync(start.AddHours(-1), h.Db.Time.GetUtcNow(), default);

        Assert.Equal([("cpu", Severity.Critical, true), ("cpu", Severity.Warning, false)], report.Episodes.Select(e => (e.Rule, e.Severity, e.Resolved is not null)));
        Assert.All(report.Episodes, e => Assert.Equal("web-1", e.Node));

        var later = await new SqliteReportStore(h.Db.Database).GatherAsync(between, h.Db.Time.GetUtcNow(), default);
        Assert.Equal([Severity.Warning], later.Episodes.Select(e => e.Severity));
    }

    [Fact]
    public async Task Gather_RunningMonitor_CarriesItsHeartbeatFromTheLivenessRowAndTheOutbox()
    {
        var store = new SqliteReportStore(h.Db.Database);
        var now = h.Db.Time.GetUtcNow();
        Assert.Null((await store.GatherAsync(now.AddDays(-1), now, default)).Monitor); // no Worker has run on this file: no line

        await new SqliteLivenessStore(h.Db.Database).WriteAsync(
            new Domain.SelfWatch.Liveness(now.AddHours(-5), now, now.AddSeconds(-20), now.AddSeconds(-19), TimeSpan.FromSeconds(30), 1, TimeSpan.FromSeconds(15)), default);
        await h.PollEveryMinuteAsync(90); // a warning: one message waits in the outbox
        var later = h.Db.Time.GetUtcNow();

        var heartbeat = (await store.GatherAsync(later.AddDays(-1), later, default)).Monitor!;

        Assert.Equal(now.AddHours(-5), heartbeat.RunningSince);
        Assert.Equal(now.AddSeconds(-19), heartbeat.LastPoll);
        Assert.Equal(1, heartbeat.OutboxWaiting);
        Assert.NotNull(heartbeat.OldestWaiting);
    }
}
