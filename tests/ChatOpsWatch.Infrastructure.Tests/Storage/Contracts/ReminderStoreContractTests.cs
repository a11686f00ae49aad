using ChatOpsWatch.Domain.Maintenance;
using ChatOpsWatch.Domain.Ports;
using ChatOpsWatch.Testing.Storage;
using Microsoft.Extensions.Time.Testing;

namespace ChatOpsWatch.Infrastructure.Tests.Storage.Contracts;

/// <summary>What the mute reminder relies on of every <see cref="IReminderStore"/>: each reminder goes exactly once, across restarts.</summary>
public sealed class ReminderStoreContractTests
{
    private readonly FakeTimeProvider _time = new(Some.Now);

    public static IEnumerable<object[]> Providers => StorageProviders.Names;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task TryQueueAsync_SameReminderAgainAfterARestart_QueuesItOnce(string provider)
    {
        await using var store = await StorageProviders.OpenAsync(provider, _time);
        var reminder = new MuteReminder("silence", "3", Some.Now.AddMinutes(15), "🔔 silence 3 ends in 15 min");

        Assert.True(await store.Port<IReminderStore>().TryQueueAsync(reminder, Some.Now, default));
        await store.RestartAsync();
        Assert.False(await store.Port<IReminderStore>().TryQueueAsync(reminder, Some.Now.AddMinutes(1), default));

        var queued = Assert.Single(await store.Port<IOutbox>().DueAsync(Some.Now.AddHours(1), 10, default));
        Assert.Equal(reminder.Html, queued.Message.Html);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task TryQueueAsync_SameSilenceExtended_RemindsAgainForTheNewEnd(string provider)
    {
        await using var store = await StorageProviders.OpenAsync(provider, _time);
        var reminders = store.Port<IReminderStore>();
        var first = new MuteReminder("silence", "3", Some.Now.AddMinutes(15), "ends at 09:41");

        Assert.True(await reminders.TryQueueAsync(first, Some.Now, default));
        Assert.True(await reminders.TryQueueAsync(first with { EndsAt = Some.Now.AddHours(2), Html = "ends at 11:26" }, Some.Now, default));
        Assert.True(await reminders.TryQueueAsync(first with { Kind = "maint" }, Some.Now, default));

        Assert.Equal(3, await store.Port<IOutbox>().BacklogAsync(default));
    }
}
