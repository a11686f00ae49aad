namespace ChatOpsWatch.Infrastructure.Ssh;

/// <summary>
/// At most <see cref="Capacity"/> SSH connects (TCP connect, key exchange, authentication) in flight in the process; the
/// rest wait their turn in order. A handshake is the most expensive thing a session does (FACTS.md: ~3 ms of client CPU
/// with curve25519, more while the JIT warms up, and 11–17 ms on the node), so when 1,000 sessions start, or reconnect
/// after a network blip, on a 2-core monitor they used to time out against each other and read as failed polls
/// (issue 10: 1,214 in the first minute) and could page as a regional outage. Time spent waiting here is not time spent
/// connecting: the connect timeout and the poll's deadline start when the turn comes, so a queued connect never counts
/// as a node failure. Waiting ends early only on cancellation (shutdown).
/// </summary>
public sealed class SshConnectBudget : IDisposable
{
    private readonly SemaphoreSlim _slots;

    public SshConnectBudget(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
        _slots = new SemaphoreSlim(capacity, capacity);
    }

    /// <summary>The process's budget, sized by <see cref="CapacityFor"/> on this machine's processors.</summary>
    public static SshConnectBudget Shared { get; } = new(CapacityFor(Environment.ProcessorCount));

    public int Capacity { get; }

    /// <summary>Connects holding a turn now.</summary>
    public int InFlight => Capacity - _slots.CurrentCount;

    /// <summary>
    /// Four handshakes per core: enough to keep the cores busy while other handshakes wait on the network (a connect to
    /// a far node is mostly round trips), few enough that none waits minutes for CPU. At least 4, at most 64.
    /// </summary>
    public static int CapacityFor(int processors) => Math.Clamp(4 * processors, 4, 64);

    /// <summary>Waits for a turn; dispose the lease when the connect has finished, whatever its outcome. Idempotent.</summary>
    public async Task<IDisposable> EnterAsync(CancellationToken ct)
    {
        await _slots.WaitAsync(ct);
        return new Lease(_slots);
    }

    public void Dispose() => _slots.Dispose();

    private sealed class Lease(SemaphoreSlim slots) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                slots.Release();
            }
        }
    }
}
