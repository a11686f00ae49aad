using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Domain.Engine.Policy;
using ChatOpsWatch.Domain.Maintenance;
using ChatOpsWatch.Infrastructure.Ssh;
using ChatOpsWatch.Infrastructure.Storage;
using ChatOpsWatch.Worker.Configuration;
using ChatOpsWatch.Worker.Polling;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChatOpsWatch.Worker.Tests.Polling;

/// <summary>
/// Issue 10: a poll no longer reads silences and maintenance windows from SQLite each time. What it judges with must stay
/// what the stores would answer: a chat command's write counts at the very next poll, a silence or window that ends is
/// dropped at once, and a write the monitor did not make itself (a second connection to the file) is seen within
/// <see cref="PollSettings.RereadAfter"/>. Real SQLite files; time is a parameter.
/// </summary>
public sealed class PollSettingsCacheTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);
    private static readonly AlertLabels Web1 = new("web-1", "cpu", new Dictionary<string, string>());
    private static readonly Matcher[] OnWeb1 = [new Matcher("node", "web-1")];
    private readonly string dir = Directory.CreateTempSubdirectory("chatopswatch-policycache-").FullName;
    private readonly SqliteDatabase db;
    private readonly SqliteMutingStore muting;
    private readonly SqliteMaintenanceStore maintenance;
    private readonly PollSettings settings;

    public PollSettingsCacheTests()
    {
        db = SqliteDatabase.Open(Path.Combine(dir, "watch.db"), TimeProvider.System);
        muting = new SqliteMutingStore(db);
        maintenance = new SqliteMaintenanceStore(db);
        var config = new ConfigHolder(new WatchConfig("db", [], SshSettings.Default, MonitorSettings.Default, null, TimeSpan.FromMinutes(10)));
        settings = new PollSettings(config, muting, maintenance, NullLogger<PollSettings>.Instance);
    }

    public void Dispose()
    {
        db.Dispose();
        Directory.Delete(dir, recursive: true);
    }

    [Fact]
    public async Task PolicyAsync_WriteByAnotherConnection_IsSeenOnlyAfterRereadAfter_SoPollsInBetweenDoNotQueryTheStore()
    {
        Assert.False(Muted(await settings.PolicyAsync(Now, default), Now));
        using var other = SqliteDatabase.Open(db.FilePath, TimeProvider.System);
        await new SqliteMutingStore(other).RecordAsync(new MutingChange.Mute(new Silence("", OnWeb1, Now, Now.AddHours(1), "@bob (7)", "elsewhere")), default);

        var cached = await settings.PolicyAsync(Now.AddSeconds(1), default);
        var later = await settings.PolicyAsync(Now + PollSettings.RereadAfter, default);

        Assert.False(Muted(cached, Now.AddSeconds(1)));
        Assert.True(Muted(later, Now + PollSettings.RereadAfter));
    }

    [Fact]
    public async Task PolicyAsync_TimeWentBack_ReadsTheStoreAgain()
    {
        await settings.PolicyAsync(Now, default);
        using var other = SqliteDatabase.Open(db.FilePath, TimeProvider.System);
        await new SqliteMutingStore(other).RecordAsync(new MutingChange.Mute(new Silence("", OnWeb1, Now.AddMinutes(-5), Now.AddHours(1), "@bob (7)", "elsewhere")), default);

        Assert.True(Muted(await settings.PolicyAsync(Now.AddSeconds(-1), default), Now.AddSeconds(-1)));
    }

    [Fact]
    public async Task PolicyAsync_MuteAndUnmuteFromTheChat_CountAtTheVeryNextPoll()
    {
        Assert.False(Muted(await settings.PolicyAsync(Now, default), Now));

        var ids = await muting.RecordAsync(new MutingChange.Mute(new Silence("", OnWeb1, Now, Now.AddHours(1), "@alice (42)", "kernel")), default);
        var muted = await settings.PolicyAsync(Now.AddMilliseconds(1), default);
        await muting.RecordAsync(new MutingChange.Unmute(ids[0], "@alice (42)", Now.AddMilliseconds(2)), default);
        var unmuted = await settings.PolicyAsync(Now.AddMilliseconds(3), default);

        Assert.True(Muted(muted, Now.AddMilliseconds(1)));
        Assert.False(Muted(unmuted, Now.AddMilliseconds(3)));
        Assert.Empty(unmuted.Silences);
    }

    [Fact]
    public async Task PolicyAsync_AckFromTheChat_IsInTheNextPollsPolicy()
    {
        await settings.PolicyAsync(Now, default);

        await muting.RecordAsync(new MutingChange.Ack([new Acknowledgement("web-1", "cpu", Now.AddMinutes(-3), "@alice (42)", Now)], "@alice (42)", Now), default);
        var policy = await settings.PolicyAsync(Now.AddSeconds(1), default);

        var ack = Assert.Single(policy.Acks);
        Assert.Equal(("web-1", "cpu"), (ack.Node, ack.Rule));
    }

    [Fact]
    public async Task PolicyAsync_SilenceReadBeforeItExpired_IsDroppedWhenItEnds()
    {
        await muting.RecordAsync(new MutingChange.Mute(new Silence("", OnWeb1, Now, Now.AddSeconds(5), "@alice (42)", "reboot")), default);
        var during = await settings.PolicyAsync(Now.AddSeconds(1), default);

        var after = await settings.PolicyAsync(Now.AddSeconds(5), default);

        Assert.True(Muted(during, Now.AddSeconds(1)));
        Assert.Empty(after.Silences);
    }

    [Fact]
    public async Task PolicyAsync_MaintenanceAddedAndCancelledFromTheChat_CountAtTheNextPoll_AndAnEndedWindowIsDropped()
    {
        await settings.PolicyAsync(Now, default);

        var shortId = await maintenance.AddAsync(new MaintenancePlan("", OnWeb1, new MaintenanceTiming.Once(Now, Now.AddSeconds(4)), "@a (1)", "restart", Now), null, default);
        var longId = await maintenance.AddAsync(new MaintenancePlan("", [new Matcher("node", "db-1")], new MaintenanceTiming.Once(Now, Now.AddHours(2)), "@a (1)", "upgrade", Now), null, default);
        var both = await settings.PolicyAsync(Now.AddSeconds(1), default);
        var shortOver = await settings.PolicyAsync(Now.AddSeconds(4), default);
        await maintenance.CancelAsync(longId!, "@a (1)", Now.AddSeconds(5), null, default);
        var none = await settings.PolicyAsync(Now.AddSeconds(6), default);

        Assert.NotNull(shortId);
        Assert.Equal(2, both.Silences.Count);
        Assert.Equal("db-1", Assert.Single(shortOver.Silences).Matchers[0].Value);
        Assert.Empty(none.Silences);
    }

    private static bool Muted(PolicyContext p, DateTimeOffset at) => p.Silences.Any(s => s.Mutes(Web1, at));
}
