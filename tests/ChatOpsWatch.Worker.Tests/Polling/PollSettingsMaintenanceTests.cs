using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Domain.Engine.Policy;
using ChatOpsWatch.Domain.Maintenance;
using ChatOpsWatch.Infrastructure.Ssh;
using ChatOpsWatch.Infrastructure.Storage;
using ChatOpsWatch.Worker.Configuration;
using ChatOpsWatch.Worker.Polling;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChatOpsWatch.Worker.Tests.Polling;

/// <summary>Maintenance windows set with /maint reach the live engine's PolicyContext, read from a real SQLite file.</summary>
public sealed class PollSettingsMaintenanceTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero); // a Saturday
    private readonly string dir = Directory.CreateTempSubdirectory("chatopswatch-maint-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Fact]
    public async Task PolicyAsync_OneOffAndWeeklyWindows_MuteTheEngineOnlyWhileInForce()
    {
        using var db = SqliteDatabase.Open(Path.Combine(dir, "watch.db"), TimeProvider.System);
        var store = new SqliteMaintenanceStore(db);
        Matcher[] web = [new Matcher("node", "web-1")];
        await store.AddAsync(new MaintenancePlan("", web, new MaintenanceTiming.Once(Now.AddHours(1), Now.AddHours(3)), "@a (1)", "upgrade", Now), null, default);
        await store.AddAsync(new MaintenancePlan("", [new Matcher("role", "edge")], new MaintenanceTiming.Weekly(WeeklyCron.Parse("0 3 * * 0").Cron!, TimeSpan.FromHours(2)), "@a (1)", "backups", Now), null, default);
        var config = new ConfigHolder(new WatchConfig("db", [], SshSettings.Default, MonitorSettings.Default, null, TimeSpan.FromMinutes(10)));
        var settings = new PollSettings(config, new SqliteMutingStore(db), store, NullLogger<PollSettings>.Instance);

        var policy = await settings.PolicyAsync(Now, default);

        var web1 = new AlertLabels("web-1", "cpu", new Dictionary<string, string>());
        var edge = new AlertLabels("edge-1", "cpu", new Dictionary<string, string> { ["role"] = "edge" });
        Assert.False(Muted(policy, web1, Now));
        Assert.True(Muted(policy, web1, Now.AddHours(2)));
        Assert.True(Muted(policy, edge, Now.AddHours(16))); // Sunday 04:00
        Assert.False(Muted(policy, edge, Now.AddHours(18)));
    }

    private static bool Muted(PolicyContext p, AlertLabels labels, DateTimeOffset at) =>
        p.Silences.Any(s => s.Mutes(labels, at)) || p.Windows.Any(w => w.Covers(labels, at));
}
