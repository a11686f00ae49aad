using Microsoft.Extensions.Logging;

namespace ChatOpsWatch.Infrastructure.Storage;

/// <summary>
/// The SQLite file of a container: opened by <see cref="OpenAsync"/> at start (with <see cref="SqliteOpener"/>'s lock
/// wait), or on first use. Closed on dispose, which checkpoints the WAL into the file, unless it was handed in already
/// open (tests): then its owner closes it.
/// </summary>
public sealed class SqliteStorageLifetime : IStorageLifetime, IDisposable
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly bool _owned;
    private SqliteDatabase? _database;

    public SqliteStorageLifetime(string path, TimeProvider time)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Location = Path.GetFullPath(path);
        _time = time;
        _owned = true;
    }

    public SqliteStorageLifetime(SqliteDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
        Location = database.FilePath;
        _time = TimeProvider.System;
    }

    public string Location { get; }

    /// <summary>The open database; opens it now (no lock wait) when <see cref="OpenAsync"/> has not.</summary>
    public SqliteDatabase Database
    {
        get
        {
            lock (_gate)
            {
                return _database ??= SqliteDatabase.Open(Location, _time);
            }
        }
    }

    public async Task OpenAsync(ILogger log, CancellationToken ct)
    {
        if (Volatile.Read(ref _database) is not null)
        {
            return;
        }

        var opened = await SqliteOpener.OpenAsync(Location, _time, log, ct);
        lock (_gate)
        {
            if (_database is null)
            {
                _database = opened;
                return;
            }
        }

        opened.Dispose();
    }

    public void Dispose()
    {
        if (_owned)
        {
            _database?.Dispose();
        }
    }
}
