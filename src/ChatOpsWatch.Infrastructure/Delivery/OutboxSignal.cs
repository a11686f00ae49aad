using System.Threading.Channels;

namespace ChatOpsWatch.Infrastructure.Delivery;

/// <summary>Pokes the outbox dispatcher after a message was enqueued, so it need not wait for its next poll. Never throws.</summary>
public interface IOutboxSignal
{
    void Notify();
}

/// <summary>
/// An in-process wake-up for <see cref="OutboxDispatcher"/>. Notifications coalesce: many pokes
/// while the dispatcher is busy cause one more pass, never a lost one.
/// </summary>
public sealed class OutboxSignal(TimeProvider time) : IOutboxSignal
{
    private readonly Channel<bool> channel = Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Notify() => channel.Writer.TryWrite(true);

    /// <summary>True when notified, false when <paramref name="timeout"/> passed first. Throws on cancellation.</summary>
    public async Task<bool> WaitAsync(TimeSpan timeout, CancellationToken ct)
    {
        if (channel.Reader.TryRead(out _))
        {
            return true;
        }

        using var expiry = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, expiry.Token);
        try
        {
            await channel.Reader.WaitToReadAsync(linked.Token);
            return channel.Reader.TryRead(out _);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return false;
        }
    }
}
