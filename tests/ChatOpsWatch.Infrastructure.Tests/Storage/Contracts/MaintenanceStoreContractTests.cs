using ChatOpsWatch.Domain.Engine.Policy;
using ChatOpsWatch.Domain.Maintenance;
using ChatOpsWatch.Testing.Storage;
using Microsoft.Extensions.Time.Testing;

namespace ChatOpsWatch.Infrastructure.Tests.Storage.Contracts;

/// <summary>What /maint relies on of every <see cref="IMaintenanceStore"/>.</summary>
public sealed class MaintenanceStoreContractTests
{
    private readonly FakeTimeProvider _time = new(Some.Now);

    public static IEnumerable<object[]> Providers => StorageProviders.Names;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task AddAsync_SameUpdateTwice_StoresOneWindow(string provider)
    {
        await using var store = await StorageProviders.OpenAsync(provider, _time);
        var windows = store.Port<IMaintenanceStore>();

        var first = await windows.AddAsync(Once(Some.Now.AddHours(1), TimeSpan.FromHours(2)), updateId: 77, default);
        var second = await windows.AddAsync(Once(Some.Now.AddHours(1), TimeSpan.FromHours(2)), updateId: 77, default);

        Assert.NotNull(first);
        Assert.Null(second);
        var plan = Assert.Single(await windows.ActiveAsync(Some.Now, default));
        Assert.Equal(first, plan.Id);
        Assert.Equal(new MaintenanceTiming.Once(Some.Now.AddHours(1), Some.Now.AddHours(3)), plan.Timing);
        Assert.Equal(("@alice (42)", "kernel upgrade", Some.Now), (plan.CreatedBy, plan.Comment, plan.CreatedAt));
        Assert.Equal(new Matcher("node", "web-1"), Assert.Single(plan.Matchers));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ActiveAsync_WeeklyAndEndedOnceAfterARestart_KeepsTheWeeklyDropsTheEnded(string provider)
    {
        await using var store = await StorageProviders.OpenAsync(provider, _time);
        var cron = WeeklyCron.Parse("0 3 * * 0").Cron!;
        await store.Port<IMaintenanceStore>().AddAsync(Once(Some.Now.AddHours(-3), TimeSpan.FromHours(1)), null, default);
        await store.Port<IMaintenanceStore>().AddAsync(Once(Some.Now.AddHours(-3), TimeSpan.FromHours(1)) with { Timing = new MaintenanceTiming.Weekly(cron, TimeSpan.FromHours(2)) }, null, default);

        await store.RestartAsync();
        var active = await store.Port<IMaintenanceStore>().ActiveAsync(Some.Now, default);

        var weekly = Assert.IsType<MaintenanceTiming.Weekly>(Assert.Single(active).Timing);
        Assert.Equal("0 3 * * 0", weekly.Cron.Text);
        Assert.Equal(TimeSpan.FromHours(2), weekly.Duration);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task CancelAsync_ActiveWindow_EndsItOnce(string provider)
    {
        await using var store = await StorageProviders.OpenAsync(provider, _time);
        var windows = store.Port<IMaintenanceStore>();
        var id = await windows.AddAsync(Once(Some.Now.AddHours(1), TimeSpan.FromHours(2)), null, default);

        Assert.True(await windows.CancelAsync(id!, "@bob (7)", Some.Now, 5, default));
        Assert.False(await windows.CancelAsync(id!, "@bob (7)", Some.Now, 6, default));
        Assert.False(await windows.CancelAsync("404", "@bob (7)", Some.Now, 7, default));

        Assert.Empty(await windows.ActiveAsync(Some.Now, default));
    }

    private static MaintenancePlan Once(DateTimeOffset starts, TimeSpan length) =>
        new("", [new Matcher("node", "web-1")], new MaintenanceTiming.Once(starts, starts + length), "@alice (42)", "kernel upgrade", Some.Now);
}
