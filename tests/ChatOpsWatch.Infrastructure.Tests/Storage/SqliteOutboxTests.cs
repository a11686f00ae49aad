using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Domain.Notifications;
using Dapper;

namespace ChatOpsWatch.Infrastructure.Tests.Storage;

public sealed class SqliteOutboxTests : IDisposable
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly TestDb _db = new();

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task DueAsync_MixedSeverities_CriticalsFirstThenOldestFirst()
    {
        var outbox = _db.Outbox;
        var info = await outbox.EnqueueAsync(Some.Message(Severity.None, "info"), Some.Now, None);
        var warning = await outbox.EnqueueAsync(Some.Message(Severity.Warning, "warning"), Some.Now, None);
        var critical1 = await outbox.EnqueueAsync(Some.Message(Severity.Critical, "critical 1"), Some.Now, None);
        var critical2 = await outbox.EnqueueAsync(Some.Message(Severity.Critical, "critical 2"), Some.Now, None);

        var due = await outbox.DueAsync(Some.Now, 10, None);

        Assert.Equal([critical1, critical2, warning, info], due.Select(e => e.Id));
        Assert.Equal(2, (await outbox.DueAsync(Some.Now, 2, None)).Count);
    }

    [Fact]
    public async Task DueAsync_ReplyQueuedAfterWarnings_ComesAfterCriticalsAndBeforeTheWarnings()
    {
        var outbox = _db.Outbox;
        var warning = await outbox.EnqueueAsync(Some.Message(Severity.Warning, "warning"), Some.Now, None);
        var info = await outbox.EnqueueAsync(Some.Message(Severity.None, "info"), Some.Now, None);
        var reply = await outbox.EnqueueAsync(new OutboxMessage(MessageKind.Reply, Severity.None, "status", ChatId: -100123), Some.Now, None);
        var critical = await outbox.EnqueueAsync(Some.Message(Severity.Critical, "critical"), Some.Now, None);

        var due = await outbox.DueAsync(Some.Now, 10, None);

        Assert.Equal([critical, reply, warning, info], due.Select(e => e.Id));
    }

    [Fact]
    public async Task EnqueueAsync_Message_RoundTripsEveryField()
    {
        var message = new OutboxMessage(MessageKind.Reply, Severity.Warning, "<b>tokyo-1</b> &amp; co", ChatId: -100123456789);

        var id = await _db.Outbox.EnqueueAsync(message, Some.Now, None);

        var entry = Assert.Single(await _db.Outbox.DueAsync(Some.Now, 10, None));
        Assert.Equal(new Domain.Ports.OutboxEntry(id, message, 0, Some.Now, null), entry);
    }

    [Fact]
    public async Task RetryLaterAsync_Failure_KeepsMessageHiddenUntilNotBeforeWithErrorAndAttempts()
    {
        var outbox = _db.Outbox;
        var id = await outbox.EnqueueAsync(Some.Message(), Some.Now, None);

        await outbox.RetryLaterAsync(id, Some.Now.AddSeconds(30), "429 retry_after 30", None);
        await outbox.RetryLaterAsync(id, Some.Now.AddSeconds(60), "502 bad gateway", None);

        Assert.Empty(await outbox.DueAsync(Some.Now.AddSeconds(59), 10, None));
        Assert.Equal(1, await outbox.BacklogAsync(None));
        var entry = Assert.Single(await outbox.DueAsync(Some.Now.AddSeconds(60), 10, None));
        Assert.Equal((2, "502 bad gateway"), (entry.Attempts, entry.LastError));
    }

    [Fact]
    public async Task MarkSentAsync_Delivered_LeavesBacklogAndRecordsTelegramId()
    {
        var outbox = _db.Outbox;
        var sent = await outbox.EnqueueAsync(Some.Message(Severity.Critical), Some.Now, None);
        var waiting = await outbox.EnqueueAsync(Some.Message(), Some.Now, None);

        await outbox.MarkSentAsync(sent, Some.Now.AddSeconds(1), 4242, None);
        await outbox.MarkSentAsync(sent, Some.Now.AddSeconds(9), 9999, None);
        await outbox.RetryLaterAsync(sent, Some.Now, "late failure report", None);

        Assert.Equal([waiting], (await outbox.DueAsync(Some.Now.AddHours(1), 10, None)).Select(e => e.Id));
        Assert.Equal(1, await outbox.BacklogAsync(None));
        using var raw = _db.Raw();
        var row = raw.QuerySingle<(long SentAt, long MessageId, long Attempts)>(
            "SELECT sent_at, telegram_message_id, attempts FROM outbox WHERE id = @sent;", new { sent });
        Assert.Equal((Some.Now.AddSeconds(1).ToUnixTimeMilliseconds(), 4242L, 0L), row);
    }

    [Fact]
    public async Task MarkSentAsync_UnknownId_ThrowsArgumentException()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => _db.Outbox.MarkSentAsync(77, Some.Now, null, None));
        await Assert.ThrowsAsync<ArgumentException>(() => _db.Outbox.RetryLaterAsync(77, Some.Now, "x", None));
    }

    [Fact]
    public async Task EnqueueAsync_EmptyText_ThrowsArgumentExceptionAndQueuesNothing()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => _db.Outbox.EnqueueAsync(Some.Message(text: " "), Some.Now, None));

        Assert.Equal(0, await _db.Outbox.BacklogAsync(None));
    }
}
