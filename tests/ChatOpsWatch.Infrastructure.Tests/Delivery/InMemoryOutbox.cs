using ChatOpsWatch.Domain.Notifications;
using ChatOpsWatch.Domain.Ports;

namespace ChatOpsWatch.Infrastructure.Tests.Delivery;

/// <summary>
/// An <see cref="IOutbox"/> kept in memory with the contract's ordering: criticals, then replies to commands, then the rest,
/// oldest first. A row still in flight when read again comes back marked as a possible duplicate, as the contract says.
/// It never folds (<see cref="FoldBacklogsAsync"/> only counts the calls): digests are the storage providers' and are
/// tested by their contract suite; the dispatcher's tests here are about pacing and failures.
/// </summary>
public sealed class InMemoryOutbox : IOutbox
{
    private readonly Lock gate = new();
    private readonly List<Row> rows = [];
    private readonly List<long> marked = [];
    private readonly TaskCompletionSource firstRead = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when DueAsync is first called: the dispatcher has made its first pass.</summary>
    public Task FirstRead => firstRead.Task;

    public IReadOnlyList<Row> Rows
    {
        get
        {
            lock (gate)
            {
                return [.. rows];
            }
        }
    }

    public IReadOnlyList<Row> Unsent => [.. Rows.Where(r => r.SentAt is null)];

    public Row this[long id] => Rows.Single(r => r.Id == id);

    public Task<long> EnqueueAsync(OutboxMessage message, DateTimeOffset now, CancellationToken ct)
    {
        lock (gate)
        {
            var row = new Row(rows.Count + 1, message, now);
            rows.Add(row);
            return Task.FromResult(row.Id);
        }
    }

    public Task<IReadOnlyList<OutboxEntry>> DueAsync(DateTimeOffset now, int max, CancellationToken ct)
    {
        IReadOnlyList<OutboxEntry> due;
        lock (gate)
        {
            due = [.. rows
                .Where(r => r.SentAt is null && r.NotBefore <= now)
                .OrderByDescending(r => r.Message.Severity == Domain.Alerts.Severity.Critical)
                .ThenByDescending(r => r.Message.AnswersCommand)
                .ThenByDescending(r => r.Message.Severity)
                .ThenBy(r => r.CreatedAt)
                .ThenBy(r => r.Id)
                .Take(max)
                .Select(r => new OutboxEntry(
                    r.Id,
                    r.InFlightSince is null ? r.Message : r.Message with { Html = Infrastructure.Delivery.PossibleDuplicate.Mark(r.Message.Html, Domain.Text.TextCatalog.English) },
                    r.Attempts,
                    r.CreatedAt,
                    r.LastError))];
        }

        firstRead.TrySetResult();
        return Task.FromResult(due);
    }

    public Task MarkSentAsync(long id, DateTimeOffset now, long? telegramMessageId, CancellationToken ct)
    {
        Update(id, r => r with { SentAt = now, TelegramMessageId = telegramMessageId, InFlightSince = null });
        return Task.CompletedTask;
    }

    public Task RetryLaterAsync(long id, DateTimeOffset notBefore, string reason, CancellationToken ct)
    {
        Update(id, r => r with { NotBefore = notBefore, LastError = reason, Attempts = r.Attempts + 1, InFlightSince = null });
        return Task.CompletedTask;
    }

    /// <summary>The ids marked in flight, in order: one per send the dispatcher started.</summary>
    public IReadOnlyList<long> MarkedInFlight
    {
        get
        {
            lock (gate)
            {
                return [.. marked];
            }
        }
    }

    public Task MarkInFlightAsync(long id, DateTimeOffset now, CancellationToken ct)
    {
        Update(id, r => r.SentAt is null ? r with { InFlightSince = now } : r);
        lock (gate)
        {
            marked.Add(id);
        }

        return Task.CompletedTask;
    }

    /// <summary>How often the dispatcher asked to fold.</summary>
    public int FoldCalls { get; private set; }

    public Task<int> FoldBacklogsAsync(int threshold, DateTimeOffset now, CancellationToken ct)
    {
        FoldCalls++;
        return Task.FromResult(0);
    }

    public Task<int> BacklogAsync(CancellationToken ct) => Task.FromResult(Unsent.Count);

    private void Update(long id, Func<Row, Row> change)
    {
        lock (gate)
        {
            var i = rows.FindIndex(r => r.Id == id);
            rows[i] = change(rows[i]);
        }
    }

    public sealed record Row(long Id, OutboxMessage Message, DateTimeOffset CreatedAt)
    {
        public int Attempts { get; init; }

        public string? LastError { get; init; }

        public DateTimeOffset NotBefore { get; init; } = CreatedAt;

        public DateTimeOffset? SentAt { get; init; }

        public DateTimeOffset? InFlightSince { get; init; }

        public long? TelegramMessageId { get; init; }
    }
}
