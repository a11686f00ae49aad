using ChatOpsWatch.Domain.Storage;
using ChatOpsWatch.Infrastructure.Delivery;
using Microsoft.Data.Sqlite;

namespace ChatOpsWatch.Infrastructure.Storage;

/// <summary>
/// Whether the database works, kept in memory because the database cannot record its own failure. Every storage failure
/// marks it failing (with its class and message); it works again only when a write commits, since on a full disk reads go
/// on succeeding. Thread-safe; <see cref="WaitForChangeAsync"/> wakes a watcher on every change.
/// </summary>
public sealed class StorageHealth(string databasePath, TimeProvider time)
{
    private readonly Lock gate = new();
    private readonly OutboxSignal changed = new(time);
    private Snapshot current = new(false, StorageFault.Other, "", DateTimeOffset.MinValue, databasePath);

    /// <summary>
    /// <c>Failing</c> from the first failure until a write commits; <c>Fault</c> and <c>Error</c> of the last failure;
    /// <c>Since</c>: the first failure of this episode.
    /// </summary>
    public sealed record Snapshot(bool Failing, StorageFault Fault, string Error, DateTimeOffset Since, string DatabasePath);

    public Snapshot Current
    {
        get
        {
            lock (gate)
            {
                return current;
            }
        }
    }

    public bool IsFailing => Current.Failing;

    public void Failed(Exception cause)
    {
        ArgumentNullException.ThrowIfNull(cause);
        lock (gate)
        {
            var since = current.Failing ? current.Since : time.GetUtcNow();
            current = current with { Failing = true, Fault = Classify(cause), Error = cause.Message, Since = since };
        }

        changed.Notify();
    }

    public void Wrote()
    {
        lock (gate)
        {
            if (!current.Failing)
            {
                return;
            }

            current = current with { Failing = false };
        }

        changed.Notify();
    }

    /// <summary>True when it changed, false when <paramref name="timeout"/> passed first. Throws on cancellation.</summary>
    public Task<bool> WaitForChangeAsync(TimeSpan timeout, CancellationToken ct) => changed.WaitAsync(timeout, ct);

    /// <summary>SQLite's primary result codes (https://sqlite.org/rescode.html); IO exceptions by their kind.</summary>
    public static StorageFault Classify(Exception cause) => cause switch
    {
        SqliteException { SqliteErrorCode: 13 } => StorageFault.DiskFull,
        SqliteException { SqliteErrorCode: 5 or 6 } => StorageFault.Locked,
        SqliteException { SqliteErrorCode: 8 } => StorageFault.ReadOnly,
        SqliteException { SqliteErrorCode: 10 } => StorageFault.IoError,
        SqliteException { SqliteErrorCode: 14 } => StorageFault.CannotOpen,
        SqliteException { SqliteErrorCode: 11 or 26 } => StorageFault.Corrupt,
        IOException { HResult: 28 or 39 or 112 } => StorageFault.DiskFull, // ENOSPC on Linux, ERROR_HANDLE_DISK_FULL / ERROR_DISK_FULL
        IOException => StorageFault.IoError,
        UnauthorizedAccessException => StorageFault.ReadOnly,
        _ when cause.InnerException is { } inner => Classify(inner),
        _ => StorageFault.Other,
    };
}
