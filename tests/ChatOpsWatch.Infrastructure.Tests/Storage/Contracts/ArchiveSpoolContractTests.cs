using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Domain.Ports;
using ChatOpsWatch.Infrastructure.Archive;
using ChatOpsWatch.Testing.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ChatOpsWatch.Infrastructure.Tests.Storage.Contracts;

/// <summary>
/// What the InfluxDB archive loop relies on of every provider's <see cref="IArchiveSpool"/>: with the archive configured,
/// every committed poll is spooled in order, completed rows leave it and are counted, and a full spool drops and says so.
/// </summary>
public sealed class ArchiveSpoolContractTests
{
    private readonly FakeTimeProvider _time = new(Some.Now);

    public static IEnumerable<object[]> Providers => StorageProviders.Names;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task HeadAsync_ThreePolls_InCommitOrder_CompletedRowsLeaveAndAreCounted(string provider)
    {
        await using var store = await OpenAsync(provider, maxSpoolBytes: 1024 * 1024);
        await PollAsync(store, 3);
        var spool = store.Port<IArchiveSpool>();

        var head = await spool.HeadAsync(int.MaxValue, default);
        await spool.CompleteAsync(head[1].Id, head.Take(2).Sum(r => r.Bytes), written: (int)head.Take(2).Sum(r => r.Points), bad: 0, default);
        var counters = await spool.CountersAsync(default);

        Assert.Equal(3, head.Count);
        Assert.Equal(head.OrderBy(r => r.Id), head);
        Assert.All(head, r => Assert.Contains("web-1", r.Lines, StringComparison.Ordinal));
        Assert.Equal((1L, head[2].Points, head.Take(2).Sum(r => r.Points)), (counters.Rows, counters.Points, counters.Written));
        Assert.Equal([head[2]], await spool.HeadAsync(int.MaxValue, default));
        Assert.Null(spool.FullSince);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task AppendingPolls_SpoolFull_DropsAndCountsThemUntilItDrainsToHalf(string provider)
    {
        await using var store = await OpenAsync(provider, maxSpoolBytes: 3000);
        await PollAsync(store, 8);
        var spool = store.Port<IArchiveSpool>();

        var full = await spool.CountersAsync(default);
        Assert.NotNull(spool.FullSince);
        Assert.True(spool.DroppedInEpisode > 0);
        Assert.Equal(spool.DroppedInEpisode, full.DroppedFull);
        Assert.False(spool.TryEndEpisode());

        var head = await spool.HeadAsync(int.MaxValue, default);
        await spool.CompleteAsync(head[^1].Id, head.Sum(r => r.Bytes), (int)head.Sum(r => r.Points), 0, default);

        Assert.True(spool.TryEndEpisode());
        Assert.False(spool.TryEndEpisode());
        Assert.Null(spool.FullSince);
        Assert.Empty(await spool.HeadAsync(int.MaxValue, default));
    }

    private Task<StorageUnderTest> OpenAsync(string provider, long maxSpoolBytes) =>
        StorageProviders.OpenAsync(provider, _time, with: s => s.AddSingleton(new InfluxOptions(new Uri("http://127.0.0.1:9"), InfluxApi.V1) { Database = "fleet", MaxSpoolBytes = maxSpoolBytes }));

    private static async Task PollAsync(StorageUnderTest store, int polls)
    {
        var monitor = store.Port<IMonitorStore>();
        await monitor.UpsertNodeAsync(Some.Node("web-1"), default);
        for (var i = 0; i < polls; i++)
        {
            var at = Some.Now.AddSeconds(30 * i);
            await monitor.CommitPollAsync("web-1", new PollDecision(Some.Sample("web-1", at, load: i), [], []), at, default);
        }
    }
}
