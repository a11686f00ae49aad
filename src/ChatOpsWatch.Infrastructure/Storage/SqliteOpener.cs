using ChatOpsWatch.Domain.Ports;
using ChatOpsWatch.Domain.Storage;
using ChatOpsWatch.Domain.Time;
using Microsoft.Extensions.Logging;

namespace ChatOpsWatch.Infrastructure.Storage;

/// <summary>
/// Opens the database at start-up. Another process holding its write lock used to mean about 40 s of silence (each
/// statement of the migration waits out SQLite's busy timeout) and then an exit: now the wait is said at once, repeated
/// while it lasts, and the open is retried until the lock is released. Any other failure ends the start, as before.
/// </summary>
internal static class SqliteOpener
{
    /// <summary>How long an open may take before the wait is announced.</summary>
    public static readonly TimeSpan AnnounceAfter = TimeSpan.FromSeconds(1);

    private static readonly TimeSpan RepeatEvery = TimeSpan.FromSeconds(10);

    public static async Task<SqliteDatabase> OpenAsync(string path, TimeProvider time, ILogger log, CancellationToken ct)
    {
        path = Path.GetFullPath(path);
        var backoff = new Backoff(new(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5)), time);
        var started = time.GetUtcNow();
        var announced = started - RepeatEvery;
        while (true)
        {
            var open = Task.Run(() => SqliteDatabase.Open(path, time), ct);
            while (await Task.WhenAny(open, Task.Delay(AnnounceAfter, time, ct)) != open)
            {
                announced = Announce(path, "is busy (another process holds its lock)", started, announced, time, log);
            }

            try
            {
                var db = await open;
                if (backoff.Failures > 0 || announced > started - RepeatEvery)
                {
                    log.LogInformation("Database {Path} opened after waiting {Waited:0} s for its lock", path, (time.GetUtcNow() - started).TotalSeconds);
                }

                return db;
            }
            catch (StorageException e) when (StorageHealth.Classify(e) == StorageFault.Locked)
            {
                announced = Announce(path, $"is locked by another process ({e.InnerException?.Message})", started, announced, time, log, force: backoff.Failures == 0);
                await Task.Delay(backoff.Fail(), time, ct);
            }
        }
    }

    private static DateTimeOffset Announce(string path, string why, DateTimeOffset started, DateTimeOffset announced, TimeProvider time, ILogger log, bool force = false)
    {
        var now = time.GetUtcNow();
        if (!force && now - announced < RepeatEvery)
        {
            return announced;
        }

        log.LogWarning(
            "Waiting for the database {Path}: it {Why}, for {Waited:0} s so far. Another ChatOpsWatch on the same file, a backup, or an open sqlite3 shell can hold it; ChatOpsWatch keeps trying and starts as soon as it is released",
            path, why, (now - started).TotalSeconds);
        return now;
    }
}
