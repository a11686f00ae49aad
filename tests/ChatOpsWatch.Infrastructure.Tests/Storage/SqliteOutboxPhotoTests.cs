using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Domain.Notifications;

namespace ChatOpsWatch.Infrastructure.Tests.Storage;

public sealed class SqliteOutboxPhotoTests : IDisposable
{
    private readonly TestDb db = new();

    public void Dispose() => db.Dispose();

    [Fact]
    public async Task DueAsync_PhotoMessage_ComesBackWithItsBytesAfterARestart()
    {
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 1, 2, 3];
        await db.Outbox.EnqueueAsync(new OutboxMessage(MessageKind.Reply, Severity.None, "<b>web-1</b> chart", 5) { Photo = png }, Some.Now, default);

        db.Reopen();
        var entry = Assert.Single(await db.Outbox.DueAsync(Some.Now, 10, default));

        Assert.Equal(png, entry.Message.Photo);
        Assert.Equal("<b>web-1</b> chart", entry.Message.Html);
    }

    [Fact]
    public async Task FoldBacklogsAsync_Photos_AreNeverFoldedIntoATextDigest()
    {
        for (var i = 0; i < 5; i++)
        {
            await db.Outbox.EnqueueAsync(new OutboxMessage(MessageKind.Reply, Severity.None, $"chart {i}", 5) { Photo = [1, 2, 3] }, Some.Now, default);
        }

        var folded = await db.Outbox.FoldBacklogsAsync(threshold: 2, Some.Now, default);

        Assert.Equal(0, folded);
        Assert.All(await db.Outbox.DueAsync(Some.Now, 10, default), e => Assert.NotNull(e.Message.Photo));
    }

    [Fact]
    public async Task EnqueueAsync_EmptyPhoto_IsRefusedBeforeAnythingIsStored()
    {
        await Assert.ThrowsAsync<ArgumentException>(() =>
            db.Outbox.EnqueueAsync(new OutboxMessage(MessageKind.Reply, Severity.None, "x", 5) { Photo = [] }, Some.Now, default));

        Assert.Equal(0, await db.Outbox.BacklogAsync(default));
    }
}
