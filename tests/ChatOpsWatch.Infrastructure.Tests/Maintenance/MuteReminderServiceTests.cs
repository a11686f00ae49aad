using ChatOpsWatch.Domain.Engine.Policy;
using ChatOpsWatch.Domain.Maintenance;
using ChatOpsWatch.Domain.Text;
using ChatOpsWatch.Infrastructure.Delivery;
using ChatOpsWatch.Infrastructure.Maintenance;
using ChatOpsWatch.Infrastructure.Storage;
using ChatOpsWatch.Infrastructure.Tests.Storage;
using ChatOpsWatch.Infrastructure.Tests.Telegram;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChatOpsWatch.Infrastructure.Tests.Maintenance;

/// <summary>The reminder before a mute ends, on a FakeTimeProvider timeline over a real SQLite file.</summary>
public sealed class MuteReminderServiceTests : IDisposable
{
    private static readonly MuteReminderOptions Options = new(TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(1), TextCatalog.English);
    private readonly TestDb db = new();
    private readonly DateTimeOffset start;

    public MuteReminderServiceTests() => start = db.Time.GetUtcNow();

    public void Dispose() => db.Dispose();

    [Fact]
    public async Task CheckAsync_SilenceTimeline_RemindsOnceBeforeExpiryAndNotAgainAfterARestart()
    {
        var expires = start.AddHours(1);
        await new SqliteMutingStore(db.Database).RecordAsync(
            new MutingChange.Mute(new Silence("", [new Matcher("node", "web-1")], start, expires, "@alice (42)", "kernel <upgrade>")), default);

        (int Minute, int Queued)[] timeline = [(0, 0), (49, 0), (51, 1), (52, 0)];
        foreach (var (minute, queued) in timeline)
        {
            db.Time.SetUtcNow(start.AddMinutes(minute));
            Assert.Equal(queued, await Service().CheckAsync(default));
        }

        var reminder = Assert.Single(await db.Outbox.DueAsync(db.Time.GetUtcNow(), 10, default));
        Assert.Equal($"⏰ The mute on <b>web-1</b> (by @alice: kernel &lt;upgrade&gt;) ends at {expires.UtcDateTime:HH:mm} UTC.", reminder.Message.Html);
        Assert.True(reminder.CreatedAt < expires);

        db.Reopen();
        foreach (var minute in new[] { 55, 59, 61 })
        {
            db.Time.SetUtcNow(start.AddMinutes(minute));
            Assert.Equal(0, await Service().CheckAsync(default));
        }

        Assert.Equal(1, await db.Outbox.BacklogAsync(default));
    }

    [Fact]
    public async Task CheckAsync_WeeklyWindow_RemindsOncePerOccurrence()
    {
        var cron = WeeklyCron.Parse("0 3 * * 0").Cron!; // Sundays 03:00-05:00 UTC
        var plan = new MaintenancePlan("", [new Matcher("role", "edge")], new MaintenanceTiming.Weekly(cron, TimeSpan.FromHours(2)), "@bob (7)", "backups", start);
        await new SqliteMaintenanceStore(db.Database).AddAsync(plan, null, default);
        var sunday = NextSunday(start);

        var counts = new List<int>();
        foreach (var at in new[] { sunday.AddHours(4).AddMinutes(51), sunday.AddHours(4).AddMinutes(53), sunday.AddDays(7).AddHours(4).AddMinutes(52) })
        {
            db.Time.SetUtcNow(at);
            counts.Add(await Service().CheckAsync(default));
        }

        Assert.Equal([1, 0, 1], counts);
        var first = (await db.Outbox.DueAsync(db.Time.GetUtcNow(), 10, default))[0];
        Assert.Equal("⏰ The maintenance window on <b>role=edge</b> (by @bob: backups) ends at 05:00 UTC.", first.Message.Html);
    }

    [Fact]
    public async Task CheckAsync_MuteShorterThanTheLead_IsNotRemindedAsItStarts()
    {
        await new SqliteMutingStore(db.Database).RecordAsync(
            new MutingChange.Mute(new Silence("", [new Matcher("node", "web-1")], start, start.AddMinutes(5), "@alice (42)", "reboot")), default);

        db.Time.SetUtcNow(start.AddMinutes(1));

        Assert.Equal(0, await Service().CheckAsync(default));
    }

    [Fact]
    public async Task RunningService_MinuteByMinute_QueuesTheReminderTenMinutesBeforeTheEndAndOnlyOnce()
    {
        var time = new TimerWatchingTimeProvider(start);
        await new SqliteMutingStore(db.Database).RecordAsync(
            new MutingChange.Mute(new Silence("", [new Matcher("node", "db-1")], start, start.AddMinutes(30), "@alice (42)", "failover")), default);
        var service = Service(time);
        await service.StartAsync(default);
        await time.WaitForTimerAsync(1);

        var firstSeen = -1;
        for (var minute = 1; minute < 30; minute++)
        {
            time.Advance(TimeSpan.FromMinutes(1));
            await time.WaitForTimerAsync(minute + 1); // the check of this minute is done and the loop sleeps again
            if (firstSeen < 0 && await db.Outbox.BacklogAsync(default) > 0)
            {
                firstSeen = minute;
            }
        }

        await service.StopAsync(default);
        Assert.Equal(20, firstSeen);
        Assert.Equal(1, await db.Outbox.BacklogAsync(default));
    }

    private static DateTimeOffset NextSunday(DateTimeOffset from)
    {
        var day = from.UtcDateTime.Date.AddDays(1);
        while (day.DayOfWeek != DayOfWeek.Sunday)
        {
            day = day.AddDays(1);
        }

        return new DateTimeOffset(day, TimeSpan.Zero);
    }

    private MuteReminderService Service(TimeProvider? time = null) => new(
        new SqliteMutingStore(db.Database),
        new SqliteMaintenanceStore(db.Database),
        new SqliteReminderStore(db.Database),
        new OutboxSignal(time ?? db.Time),
        Options,
        time ?? db.Time,
        NullLogger<MuteReminderService>.Instance);
}
