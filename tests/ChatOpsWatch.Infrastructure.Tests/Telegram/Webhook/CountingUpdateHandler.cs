using System.Collections.Concurrent;
using ChatOpsWatch.Infrastructure.Telegram;
using Telegram.Bot.Types;

namespace ChatOpsWatch.Infrastructure.Tests.Telegram.Webhook;

/// <summary>Records the updates it handled; throws for the first <see cref="FailFirst"/> calls.</summary>
public sealed class CountingUpdateHandler : ITelegramUpdateHandler
{
    private readonly ConcurrentQueue<Update> handled = new();
    private int calls;

    public int FailFirst { get; init; }

    public IReadOnlyList<long> Handled => [.. handled.Select(u => (long)u.Id)];

    public IReadOnlyList<Update> Updates => [.. handled];

    public Task HandleAsync(Update update, CancellationToken ct)
    {
        if (Interlocked.Increment(ref calls) <= FailFirst)
        {
            throw new InvalidOperationException("the store is locked (test)");
        }

        handled.Enqueue(update);
        return Task.CompletedTask;
    }
}
