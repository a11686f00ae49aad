namespace ChatOpsWatch.Infrastructure.Storage;

/// <summary>
/// Who writes next in this process (issue 14): the poll commit (group commit) and the storage maintenance share one
/// turn, and the polls go first. A maintenance step takes its turn only while no poll commit waits, and gives it back
/// after its one short transaction, so a poll's commit queues behind at most one step instead of racing SQLite's busy
/// handler, which sleeps in growing steps and can let maintenance take the lock again and again. Other processes (the
/// storage verb) still meet SQLite's own lock. <see cref="PollWaited"/> and <see cref="MaintenanceHeld"/> report the
/// times for measurements (the storage bench); both are null in the monitor.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "a SemaphoreSlim whose AvailableWaitHandle is never read holds nothing to dispose; the turn lives as long as its database object")]
public sealed class WriteTurns(TimeProvider time)
{
    private readonly TimeProvider _time = time;
    private readonly SemaphoreSlim _turn = new(1, 1);
    private int _pollsWaiting;

    /// <summary>True while a poll commit waits for the turn: a maintenance step then stops at its next unit of work.</summary>
    public bool PollWaiting => Volatile.Read(ref _pollsWaiting) > 0;

    /// <summary>How long a poll commit waited for its turn: the time it spent behind a maintenance step.</summary>
    public Action<TimeSpan>? PollWaited { get; set; }

    /// <summary>How long a maintenance step held its turn (its write transaction).</summary>
    public Action<TimeSpan>? MaintenanceHeld { get; set; }

    internal async Task<Turn> PollAsync()
    {
        var asked = _time.GetTimestamp();
        Interlocked.Increment(ref _pollsWaiting);
        try
        {
            await _turn.WaitAsync();
        }
        finally
        {
            Interlocked.Decrement(ref _pollsWaiting);
        }

        PollWaited?.Invoke(_time.GetElapsedTime(asked));
        return new Turn(this, null);
    }

    internal async Task<Turn> MaintenanceAsync(CancellationToken ct)
    {
        while (true)
        {
            await _turn.WaitAsync(ct);
            if (Volatile.Read(ref _pollsWaiting) == 0)
            {
                return new Turn(this, _time.GetTimestamp());
            }

            _turn.Release(); // a poll commit asked meanwhile: it goes first
            await Task.Yield();
        }
    }

    internal readonly struct Turn(WriteTurns owner, long? heldSince) : IDisposable
    {
        public void Dispose()
        {
            if (heldSince is { } since)
            {
                owner.MaintenanceHeld?.Invoke(owner._time.GetElapsedTime(since));
            }

            owner._turn.Release();
        }
    }
}
