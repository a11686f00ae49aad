using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Domain.Notifications;
using ChatOpsWatch.Domain.Ports;
using ChatOpsWatch.Domain.Reports;
using ChatOpsWatch.Domain.SelfWatch;
using ChatOpsWatch.Testing.Storage;
using Microsoft.Extensions.Time.Testing;

namespace ChatOpsWatch.Infrastructure.Tests.Storage.Contracts;

/// <summary>What the daily report relies on of every <see cref="IReportStore"/>: availability from the polls, a heartbeat, one report per period.</summary>
public sealed class ReportStoreContractTests
{
    private readonly FakeTimeProvider _time = new(Some.Now);

    public static IEnumerable<object[]> Providers => StorageProviders.Names;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task EnqueueOnceAsync_SamePeriodAgainAfterARestart_QueuesOneReport(string provider)
    {
        await using var store = await StorageProviders.OpenAsync(provider, _time);
        var report = new OutboxMessage(MessageKind.Info, Severity.None, "📊 daily report");

        Assert.True(await store.Port<IReportStore>().EnqueueOnceAsync("daily:2026-03-14", report, Some.Now, default));
        await store.RestartAsync();
        Assert.False(await store.Port<IReportStore>().EnqueueOnceAsync("daily:2026-03-14", report, Some.Now.AddMinutes(1), default));
        Assert.True(await store.Port<IReportStore>().EnqueueOnceAsync("daily:2026-03-15", report, Some.Now.AddDays(1), default));

        Assert.Equal(2, await store.Port<IOutbox>().BacklogAsync(default));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task GatherAsync_AnHourPolledEveryInterval_FullAvailabilityAndTheMonitorsHeartbeat(string provider)
    {
        await using var store = await StorageProviders.OpenAsync(provider, _time);
        var monitor = store.Port<IMonitorStore>();
        var node = Some.Node("web-1");
        await monitor.UpsertNodeAsync(node, default);
        var start = Some.Now;
        for (var at = start; at < start.AddHours(1); at += node.Interval)
        {
            await monitor.CommitPollAsync("web-1", new PollDecision(Some.Sample("web-1", at), [], []), at, default);
        }

        var before = await store.Port<IReportStore>().GatherAsync(start, start.AddHours(1), default);
        await store.Port<ILivenessStore>().WriteAsync(new Liveness(start.AddHours(-5), start.AddHours(1), start.AddMinutes(59), start.AddMinutes(59), node.Interval, 1, TimeSpan.FromSeconds(15)), default);
        var after = await store.Port<IReportStore>().GatherAsync(start, start.AddHours(1), default);

        var web = Assert.Single(before.Nodes);
        Assert.Equal("web-1", web.Node);
        Assert.Equal(120, web.AnsweredPolls);
        Assert.InRange(web.UptimePct!.Value, 99, 100);
        Assert.Null(before.Monitor);
        Assert.Equal(start.AddHours(-5), after.Monitor!.RunningSince);
    }
}
