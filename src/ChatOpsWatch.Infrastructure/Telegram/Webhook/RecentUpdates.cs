namespace ChatOpsWatch.Infrastructure.Telegram.Webhook;

/// <summary>
/// The update ids handled lately, so that an update Telegram delivers twice (its answer was lost, or a
/// proxy retried) is acted on once; and how often each unhandled update failed. Bounded: the oldest ids
/// are forgotten first. Thread-safe.
/// </summary>
public sealed class RecentUpdates(int capacity = 10_000)
{
    private readonly Lock gate = new();
    private readonly HashSet<long> handled = [];
    private readonly Queue<long> order = new();
    private readonly Dictionary<long, int> failures = [];

    public bool WasHandled(long updateId)
    {
        lock (gate)
        {
            return handled.Contains(updateId);
        }
    }

    public void Handled(long updateId)
    {
        lock (gate)
        {
            failures.Remove(updateId);
            if (!handled.Add(updateId))
            {
                return;
            }

            order.Enqueue(updateId);
            while (order.Count > capacity)
            {
                handled.Remove(order.Dequeue());
            }
        }
    }

    /// <summary>Counts a failed attempt at <paramref name="updateId"/>; returns the attempts so far.</summary>
    public int Failed(long updateId)
    {
        lock (gate)
        {
            if (failures.Count >= capacity)
            {
                failures.Clear();
            }

            failures[updateId] = failures.GetValueOrDefault(updateId) + 1;
            return failures[updateId];
        }
    }
}
