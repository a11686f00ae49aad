using ChatOpsWatch.Domain.Alerts;
using Dapper;

namespace ChatOpsWatch.Infrastructure.Tests.Storage;

/// <summary>The outbox's SQLite columns; its port behaviour is in <see cref="Contracts.OutboxContractTests"/>.</summary>
public sealed class SqliteOutboxTests : IDisposable
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly TestDb _db = new();

    public void Dispose() => _db.Dispose();

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
}
