using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Domain.Notifications;
using ChatOpsWatch.Domain.Ports;
using ChatOpsWatch.Domain.Text;
using ChatOpsWatch.Infrastructure.Delivery;
using ChatOpsWatch.Testing.Storage;
using Microsoft.Extensions.Time.Testing;

namespace ChatOpsWatch.Infrastructure.Tests.Storage.Contracts;

/// <summary>What the dispatcher relies on of every <see cref="IOutbox"/>: order, retries, acknowledgement, crash safety, digests.</summary>
public sealed class OutboxContractTests
{
    private const long Group = -100777;
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly FakeTimeProvider _time = new(Some.Now);

    public static IEnumerable<object[]> Providers => StorageProviders.Names;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task DueAsync_MixedMessages_CriticalsThenRepliesThenBySeverityOldestFirst(string provider)
    {
        await using var store = await StorageProviders.OpenAsync(provider, _time);
        var outbox = store.Port<IOutbox>();
        var info = await outbox.EnqueueAsync(Some.Message(Severity.None, "info"), Some.Now, None);
        var warning = await outbox.EnqueueAsync(Some.Message(Severity.Warning, "warning"), Some.Now, None);
        var reply = await outbox.EnqueueAsync(new OutboxMessage(MessageKind.Reply, Severity.None, "status", ChatId: -100123), Some.Now, None);
        var critical1 = await outbox.EnqueueAsync(Some.Message(Severity.Critical, "critical 1"), Some.Now, None);
        var critical2 = await outbox.EnqueueAsync(Some.Message(Severity.Critical, "critical 2"), Some.Now, None);

        var due = await outbox.DueAsync(Some.Now, 10, None);

        Assert.Equal([critical1, critical2, reply, warning, info], due.Select(e => e.Id));
        Assert.Equal([critical1, critical2], (await outbox.DueAsync(Some.Now, 2, None)).Select(e => e.Id));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task EnqueueAsync_Message_RoundTripsEveryField(string provider)
    {
        await using var store = await StorageProviders.OpenAsync(provider, _time);
        var outbox = store.Port<IOutbox>();
        var message = new OutboxMessage(MessageKind.Reply, Severity.Warning, "<b>tokyo-1</b> &amp; co", ChatId: -100123456789);

        var id = await outbox.EnqueueAsync(message, Some.Now, None);

        Assert.Equal(new OutboxEntry(id, message, 0, Some.Now, null), Assert.Single(await outbox.DueAsync(Some.Now, 10, None)));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task EnqueueAsync_EmptyText_ThrowsArgumentExceptionAndQueuesNothing(string provider)
    {
        await using var store = await StorageProviders.OpenAsync(provider, _time);
        var outbox = store.Port<IOutbox>();

        await Assert.ThrowsAsync<ArgumentException>(() => outbox.EnqueueAsync(Some.Message(text: " "), Some.Now, None));

        Assert.Equal(0, await outbox.BacklogAsync(None));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task RetryLaterAsync_Failure_KeepsMessageHiddenUntilNotBeforeWithErrorAndAttempts(string provider)
    {
        await using var store = await StorageProviders.OpenAsync(provider, _time);
        var outbox = store.Port<IOutbox>();
        var id = await outbox.EnqueueAsync(Some.Message(), Some.Now, None);

        await outbox.RetryLaterAsync(id, Some.Now.AddSeconds(30), "429 retry_after 30", None);
        await outbox.RetryLaterAsync(id, Some.Now.AddSeconds(60), "502 bad gateway", None);

        Assert.Empty(await outbox.DueAsync(Some.Now.AddSeconds(59), 10, None));
        Assert.Equal(1, await outbox.BacklogAsync(None));
        var entry = Assert.Single(await outbox.DueAsync(Some.Now.AddSeconds(60), 10, None));
        Assert.Equal((2, "502 bad gateway"), (entry.Attempts, entry.LastError));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task MarkSentAsync_Delivered_LeavesTheQueueForGoodEvenAfterALateFailureReport(string provider)
    {
        await using var store = await StorageProviders.OpenAsync(provider, _time);
        var outbox = store.Port<IOutbox>();
        var sent = await outbox.EnqueueAsync(Some.Message(Severity.Critical), Some.Now, None);
        var waiting = await outbox.EnqueueAsync(Some.Message(), Some.Now, None);

        await outbox.MarkSentAsync(sent, Some.Now.AddSeconds(1), 4242, None);
        await outbox.MarkSentAsync(sent, Some.Now.AddSeconds(9), 9999, None);
        await outbox.RetryLaterAsync(sent, Some.Now, "late failure report", None);
        await store.RestartAsync();
        outbox = store.Port<IOutbox>();

        Assert.Equal([waiting], (await outbox.DueAsync(Some.Now.AddHours(1), 10, None)).Select(e => e.Id));
        Assert.Equal(1, await outbox.BacklogAsync(None));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task MarkSentRetryLaterMarkInFlight_UnknownId_ThrowArgumentException(string provider)
    {
        await using var store = await StorageProviders.OpenAsync(provider, _time);
        var outbox = store.Port<IOutbox>();

        await Assert.ThrowsAsync<ArgumentException>(() => outbox.MarkSentAsync(77, Some.Now, null, None));
        await Assert.ThrowsAsync<ArgumentException>(() => outbox.RetryLaterAsync(77, Some.Now, "x", None));
        await Assert.ThrowsAsync<ArgumentException>(() => outbox.MarkInFlightAsync(77, Some.Now, None));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task DueAsync_InFlightWhenTheProcessDied_ComesBackOnceMarkedAsPossibleDuplicate(string provider)
    {
        await using var store = await StorageProviders.OpenAsync(provider, _time);
        var outbox = store.Port<IOutbox>();
        var id = await outbox.EnqueueAsync(Some.Message(text: "disk <b>88%</b>"), Some.Now, None);
        await outbox.MarkInFlightAsync(id, Some.Now, None);

        await store.RestartAsync();
        outbox = store.Port<IOutbox>();
        await outbox.MarkInFlightAsync(id, Some.Now.AddSeconds(5), None);

        var entry = Assert.Single(await outbox.DueAsync(Some.Now.AddSeconds(5), 10, None));
        Assert.Equal(id, entry.Id);
        Assert.Equal(PossibleDuplicate.Marker(TextCatalog.English) + "disk <b>88%</b>", entry.Message.Html);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task DueAsync_InFlightThenOutcomeRecorded_IsNotMarked(string provider)
    {
        await using var store = await StorageProviders.OpenAsync(provider, _time);
        var outbox = store.Port<IOutbox>();
        var id = await outbox.EnqueueAsync(Some.Message(text: "load 9"), Some.Now, None);
        await outbox.MarkInFlightAsync(id, Some.Now, None);
        await outbox.RetryLaterAsync(id, Some.Now, "502 Bad Gateway", None);

        Assert.Equal("load 9", Assert.Single(await outbox.DueAsync(Some.Now, 10, None)).Message.Html);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task FoldBacklogsAsync_OverThreshold_OneDigestPerChatHoldsEveryFoldedLineAndCriticalsStay(string provider)
    {
        await using var store = await StorageProviders.OpenAsync(provider, _time);
        var outbox = store.Port<IOutbox>();
        var critical = await outbox.EnqueueAsync(Some.Message(Severity.Critical, "node a down", Group), Some.Now, None);
        for (var i = 0; i < 12; i++)
        {
            await outbox.EnqueueAsync(Some.Message(Severity.Warning, $"disk {i} &amp; more", Group), Some.Now, None);
        }

        var otherChat = await outbox.EnqueueAsync(Some.Message(Severity.Warning, "to alice", 42), Some.Now, None);

        Assert.Equal(12, await outbox.FoldBacklogsAsync(10, Some.Now, None));

        var due = await outbox.DueAsync(Some.Now, 50, None);
        Assert.Equal(3, due.Count);
        Assert.Equal(critical, due[0].Id);
        Assert.Contains(due, e => e.Id == otherChat);
        var digest = Assert.Single(due, e => e.Id != critical && e.Id != otherChat);
        Assert.Equal((Group, Severity.Warning), (digest.Message.ChatId, digest.Message.Severity));
        Assert.All(Enumerable.Range(0, 12), i => Assert.Contains($"disk {i} &amp; more", digest.Message.Html, StringComparison.Ordinal));
        Assert.Equal(3, await outbox.BacklogAsync(None));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task FoldBacklogsAsync_AtThresholdOrOnlyDigestsAndInFlight_FoldsNothing(string provider)
    {
        await using var store = await StorageProviders.OpenAsync(provider, _time);
        var outbox = store.Port<IOutbox>();
        for (var i = 0; i < 11; i++)
        {
            await outbox.EnqueueAsync(Some.Message(Severity.Warning, $"first {i}", Group), Some.Now, None);
        }

        await outbox.FoldBacklogsAsync(10, Some.Now, None);
        var inFlight = await outbox.EnqueueAsync(Some.Message(Severity.Warning, "being sent", Group), Some.Now, None);
        await outbox.MarkInFlightAsync(inFlight, Some.Now, None);
        for (var i = 0; i < 10; i++)
        {
            await outbox.EnqueueAsync(Some.Message(Severity.Warning, $"second {i}", Group), Some.Now, None);
        }

        Assert.Equal(0, await outbox.FoldBacklogsAsync(10, Some.Now, None));
        Assert.Equal(12, await outbox.BacklogAsync(None));
    }
}
