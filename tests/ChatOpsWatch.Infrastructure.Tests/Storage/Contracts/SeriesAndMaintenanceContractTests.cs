using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Domain.Commands;
using ChatOpsWatch.Domain.Ports;
using ChatOpsWatch.Domain.Storage;
using ChatOpsWatch.Testing.Storage;
using Microsoft.Extensions.Time.Testing;

namespace ChatOpsWatch.Infrastructure.Tests.Storage.Contracts;

/// <summary>
/// What /chart, /storage and the maintenance loop rely on of every provider's <see cref="ISeriesReader"/>,
/// <see cref="IStorageMaintenance"/> and <see cref="IStorageStats"/>: the tiers are rolled up from the polls, read back
/// by tier, pruned by retention and counted.
/// </summary>
public sealed class SeriesAndMaintenanceContractTests
{
    private const string Load = "load.1m";
    private static readonly DateTimeOffset Start = new(2026, 3, 14, 8, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(Start);

    public static IEnumerable<object[]> Providers => StorageProviders.Names;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ReadAsync_ByTier_RawGivesEveryPollAndRollupsStayWithinThePollsRange(string provider)
    {
        await using var store = await StorageProviders.OpenAsync(provider, _time);
        var loads = await PollHalfAnHourAsync(store);
        _time.Advance(TimeSpan.FromMinutes(10));

        var steps = await store.Port<IStorageMaintenance>().RunUntilIdleAsync(default);
        var reader = store.Port<ISeriesReader>();
        var raw = await reader.ReadAsync("web-1", Load, Start, SampleTier.Raw, default);
        var fine = await reader.ReadAsync("web-1", Load, Start, SampleTier.FiveMinutes, default);

        Assert.True(steps > 0, "the half hour is due for 5-minute rollups");
        Assert.Equal(loads, raw.Select(p => p.Value));
        Assert.Equal(Start, raw[0].At);
        Assert.InRange(fine.Count, 1, raw.Count - 1);
        Assert.All(fine, p => Assert.InRange(p.Value, loads.Min(), loads.Max()));
        Assert.Contains(loads.Max(), fine.Select(p => p.Value));
        Assert.Equal(fine.Select(p => p.At).Order(), fine.Select(p => p.At));
        Assert.Contains(Load, await reader.SeriesAsync("web-1", Start, default));
        Assert.Empty(await reader.ReadAsync("nobody", Load, Start, SampleTier.Raw, default));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task StepAsync_RawOlderThanItsRetention_PrunesTheRawPollsAndKeepsTheRollups(string provider)
    {
        var retention = RetentionOptions.Default with { Raw = TimeSpan.FromHours(1) };
        await using var store = await StorageProviders.OpenAsync(provider, _time, retention);
        await PollHalfAnHourAsync(store);
        _time.Advance(TimeSpan.FromHours(3));

        await store.Port<IStorageMaintenance>().RunUntilIdleAsync(default);
        var reader = store.Port<ISeriesReader>();

        Assert.Empty(await reader.ReadAsync("web-1", Load, Start, SampleTier.Raw, default));
        Assert.NotEmpty(await reader.ReadAsync("web-1", Load, Start, SampleTier.FiveMinutes, default));
        Assert.Equal(MaintenanceWork.Idle, await store.Port<IStorageMaintenance>().StepAsync(default));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ReadAsync_Stats_CountThePollsOfEachTier(string provider)
    {
        await using var store = await StorageProviders.OpenAsync(provider, _time);
        await PollHalfAnHourAsync(store);
        _time.Advance(TimeSpan.FromMinutes(10));
        await store.Port<IStorageMaintenance>().RunUntilIdleAsync(default);

        var stats = store.Port<IStorageStats>();
        var report = await stats.ReadAsync(default);

        var raw = Assert.Single(report.Tiers, t => t.Tier == SampleTier.Raw);
        Assert.Equal((60L, Start, Start.AddMinutes(29.5)), (raw.Polls, raw.Oldest!.Value, raw.Newest!.Value));
        Assert.Equal(60, Assert.Single(report.Tiers, t => t.Tier == SampleTier.FiveMinutes).Polls);
        Assert.Equal(Some.Sample("web-1", Start).Values.Count, report.ValuesPerPoll);
        Assert.True(stats.SizeBytes() > 0);
    }

    /// <summary>60 polls 30 s apart from <see cref="Start"/>, committed as they happen; returns the load of each.</summary>
    private async Task<List<double>> PollHalfAnHourAsync(StorageUnderTest store)
    {
        var monitor = store.Port<IMonitorStore>();
        await monitor.UpsertNodeAsync(Some.Node("web-1"), default);
        var loads = new List<double>();
        for (var i = 0; i < 60; i++)
        {
            var at = _time.GetUtcNow();
            var load = Math.Round(1 + Math.Sin(i / 5.0), 2);
            loads.Add(load);
            await monitor.CommitPollAsync("web-1", new PollDecision(Some.Sample("web-1", at, load), [], []), at, default);
            _time.Advance(TimeSpan.FromSeconds(30));
        }

        return loads;
    }
}
