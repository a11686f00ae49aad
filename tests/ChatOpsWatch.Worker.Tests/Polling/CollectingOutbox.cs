using ChatOpsWatch.Domain.Notifications;
using ChatOpsWatch.Domain.Ports;

namespace ChatOpsWatch.Worker.Tests.Polling;

/// <summary>An outbox that keeps what was enqueued and delivers nothing (nothing is ever due, so nothing is in flight or folded).</summary>
internal sealed class CollectingOutbox : IOutbox
{
    public List<OutboxMessage> Messages { get; } = [];

    public Task<long> EnqueueAsync(OutboxMessage message, DateTimeOffset now, CancellationToken ct)
    {
        Messages.Add(message);
        return Task.FromResult((long)Messages.Count);
    }

    public Task<IReadOnlyList<OutboxEntry>> DueAsync(DateTimeOffset now, int max, CancellationToken ct) => Task.FromResult<IReadOnlyList<OutboxEntry>>([]);

    public Task MarkSentAsync(long id, DateTimeOffset now, long? telegramMessageId, CancellationToken ct) => Task.CompletedTask;

    public Task RetryLaterAsync(long id, DateTimeOffset notBefore, string reason, CancellationToken ct) => Task.CompletedTask;

    public Task<int> BacklogAsync(CancellationToken ct) => Task.FromResult(Messages.Count);

    public Task MarkInFlightAsync(long id, DateTimeOffset now, CancellationToken ct) => Task.CompletedTask;

    public Task<int> FoldBacklogsAsync(int threshold, DateTimeOffset now, CancellationToken ct) => Task.FromResult(0);
}
