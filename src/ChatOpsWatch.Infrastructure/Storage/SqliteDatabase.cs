using System.Data.Common;
using System.Text.Json;
using ChatOpsWatch.Domain.Ports;
using Microsoft.Data.Sqlite;

namespace ChatOpsWatch.Infrastructure.Storage;

/// <summary>
/// The process's one SQLite database file: it opens pooled connections with the pragmas every
/// store relies on, and turns every SQLite or file-system failure into a <see cref="StorageException"/>
/// that names the file and the cause. <see cref="Open"/> creates the file and applies migrations.
/// </summary>
public sealed class SqliteDatabase : IDisposable
{
    /// <summary>How long a writer waits for another writer's lock before failing, in ms.</summary>
    public const int BusyTimeoutMs = 5000;

    private readonly string _connectionString;

    private SqliteDatabase(string path, TimeProvider time)
    {
        FilePath = path;
        Health = new StorageHealth(path, time);
        Turns = new WriteTurns(time);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            ForeignKeys = true,
        }.ToString();
    }

    /// <summary>The absolute path of the database file.</summary>
    public string FilePath { get; }

    /// <summary>Whether the file works, as the last operations found; kept in memory for the storage alarm.</summary>
    public StorageHealth Health { get; }

    /// <summary>The write turn the poll commits and the storage maintenance share, polls first (issue 14).</summary>
    public WriteTurns Turns { get; }

    /// <summary>The series keys and their ids (schema v14), shared by every store on this file.</summary>
    internal Compact.SeriesDictionary Series { get; } = new();

    private long _policyVersion;

    /// <summary>
    /// Counts the writes of silences, acknowledgements and maintenance windows made through this object (they are all
    /// made by the monitor's own chat commands), so the poll path can keep what it read until one happens.
    /// </summary>
    internal long PolicyVersion => Interlocked.Read(ref _policyVersion);

    /// <summary>Called after every such write, whether it committed or not (a needless re-read costs one query).</summary>
    internal void PolicyChanged() => Interlocked.Increment(ref _policyVersion);

    /// <summary>
    /// Opens (creating it and its directory if missing) the database at <paramref name="path"/>,
    /// switches it to WAL and applies pending migrations. Throws <see cref="StorageException"/> when the
    /// file cannot be created, opened or written, is not a SQLite database, or has a newer schema than
    /// this build knows.
    /// </summary>
    public static SqliteDatabase Open(string path, TimeProvider time)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(time);
        var full = Path.GetFullPath(path);
        PrepareDirectory(full);
        var db = new SqliteDatabase(full, time);
        try
        {
            db.Run("open", connection =>
            {
                SqliteVacuum.PrepareNew(connection);
                EnableWal(connection, full);
                SqliteMigrator.Apply(connection, full, SqliteSchema.Migrations, time.GetUtcNow());
                SqliteLegacySamples.ConvertAll(connection, db.Series);
                SqliteVacuum.SwitchSmall(connection);
                db.Series.Load(connection);
            });
            return db;
        }
        catch
        {
            db.Dispose();
            throw;
        }
    }

    /// <summary>Closes the idle pooled connections of this file, so the WAL is checkpointed and the file released.</summary>
    public void Dispose()
    {
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
    }

    /// <summary>Runs <paramref name="work"/> on an open connection; failures become <see cref="StorageException"/>.</summary>
    internal async Task<T> RunAsync<T>(string operation, Func<SqliteConnection, Task<T>> work, CancellationToken ct)
    {
        try
        {
            await using var connection = await OpenConnectionAsync(ct);
            if (!Health.IsFailing)
            {
                return await work(connection);
            }

            // Failing: only a committed write proves it works again (on a full disk, reads go on succeeding).
            var before = await TotalChangesAsync(connection, ct);
            var result = await work(connection);
            if (await TotalChangesAsync(connection, ct) > before)
            {
                Health.Wrote();
            }

            return result;
        }
        catch (Exception ex) when (IsStorageFailure(ex))
        {
            Health.Failed(ex);
            throw Failure(operation, ex);
        }
    }

    private static async Task<long> TotalChangesAsync(SqliteConnection connection, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT total_changes();";
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }

    /// <summary>Runs <paramref name="work"/> inside one IMMEDIATE transaction that commits only if it returns.</summary>
    internal Task<T> InTransactionAsync<T>(string operation, Func<SqliteConnection, DbTransaction, Task<T>> work, CancellationToken ct) =>
        RunAsync(operation, Transacted(work, ct), ct);

    /// <summary>
    /// <paramref name="work"/> in one transaction that commits only if it returns. Microsoft.Data.Sqlite begins IMMEDIATE
    /// by default: the write lock is taken up front, so two writers queue on busy_timeout instead of failing on a
    /// read-to-write upgrade.
    /// </summary>
    private static Func<SqliteConnection, Task<T>> Transacted<T>(Func<SqliteConnection, DbTransaction, Task<T>> work, CancellationToken ct) =>
        async connection =>
        {
            await using var tx = await connection.BeginTransactionAsync(ct);
            var result = await work(connection, tx);
            await tx.CommitAsync(ct);
            return result;
        };

    /// <summary>
    /// A maintenance write: <see cref="InTransactionAsync"/> inside a maintenance turn (<see cref="WriteTurns"/>), with
    /// synchronous=NORMAL and no WAL checkpoint inside the turn, so the turn is never held over an fsync. What it writes
    /// is made again after a power loss (rollups and their watermark, deletions, a budget notice and its mark commit
    /// together); a killed process loses nothing (WAL). Every <see cref="CheckpointEvery"/> writes it checkpoints the WAL
    /// after its turn (PASSIVE: polls go on writing meanwhile), so the WAL stays small where no poll writes (the storage verb).
    /// </summary>
    internal Task<T> InMaintenanceTransactionAsync<T>(string operation, Func<SqliteConnection, DbTransaction, Task<T>> work, CancellationToken ct) =>
        RunMaintenanceAsync(operation, Transacted(work, ct), ct);

    /// <summary>A maintenance write outside a transaction (incremental vacuum) inside a maintenance turn, as above.</summary>
    internal Task<T> RunMaintenanceAsync<T>(string operation, Func<SqliteConnection, Task<T>> work, CancellationToken ct) =>
        RunAsync(operation, async connection =>
        {
            await using (var command = connection.CreateCommand())
            {
                command.CommandText = "PRAGMA synchronous = NORMAL; PRAGMA wal_autocheckpoint = 0;";
                await command.ExecuteNonQueryAsync(ct);
            }

            T result;
            using (await Turns.MaintenanceAsync(ct))
            {
                result = await work(connection);
            }

            if (Interlocked.Increment(ref _maintenanceWrites) % CheckpointEvery == 0)
            {
                await using var checkpoint = connection.CreateCommand();
                checkpoint.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
                await checkpoint.ExecuteNonQueryAsync(ct);
            }

            return result;
        }, ct);

    /// <summary>Maintenance writes between two WAL checkpoints of the maintenance's own.</summary>
    internal const int CheckpointEvery = 64;

    private long _maintenanceWrites;

    internal StorageException Failure(string operation, Exception cause)
    {
        var hint = cause switch
        {
            // SQLITE_CONSTRAINT_FOREIGNKEY: samples and alert states need their node registered.
            SqliteException { SqliteExtendedErrorCode: 787 } => " (the node is not registered: call UpsertNodeAsync first)",
            SqliteException { SqliteExtendedErrorCode: 1299 } e when e.Message.Contains("points.node_id", StringComparison.Ordinal) => " (the node is not registered: call UpsertNodeAsync first)",
            SqliteException { SqliteErrorCode: 14 } => " (check that the directory exists and is writable)",
            _ => "",
        };
        return new($"SQLite database '{FilePath}': {operation} failed: {cause.Message}{hint}", cause);
    }

    private void Run(string operation, Action<SqliteConnection> work)
    {
        try
        {
            using var connection = new SqliteConnection(_connectionString);
            connection.Open();
            ApplyPragmas(connection);
            work(connection);
        }
        catch (Exception ex) when (IsStorageFailure(ex))
        {
            throw Failure(operation, ex);
        }
    }

    private async Task<SqliteConnection> OpenConnectionAsync(CancellationToken ct)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(ct);
            ApplyPragmas(connection);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Per connection, because pooled connections may be new. synchronous=FULL everywhere: every write
    /// here carries alert state or the outbox, and WAL with NORMAL can lose the last commits on power loss. The
    /// maintenance lightens its own connection for its turn (<see cref="InMaintenanceTransactionAsync"/>); this puts
    /// the checkpoint back when the pool hands that connection out again.
    /// </summary>
    private static void ApplyPragmas(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA busy_timeout = {BusyTimeoutMs}; PRAGMA synchronous = FULL; PRAGMA wal_autocheckpoint = 1000;";
        command.ExecuteNonQuery();
    }

    private static void EnableWal(SqliteConnection connection, string path)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode = WAL;";
        var mode = command.ExecuteScalar() as string;
        if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
        {
            throw new StorageException($"SQLite database '{path}': cannot switch to WAL journal mode (got '{mode}').");
        }
    }

    private static void PrepareDirectory(string path)
    {
        if (Directory.Exists(path))
        {
            throw new StorageException($"SQLite database '{path}': the path is a directory, not a database file.");
        }

        var directory = Path.GetDirectoryName(path);
        for (var ancestor = directory; !string.IsNullOrEmpty(ancestor); ancestor = Path.GetDirectoryName(ancestor))
        {
            if (File.Exists(ancestor))
            {
                throw new StorageException($"SQLite database '{path}': '{ancestor}' is a file, so it cannot hold the database's directory.");
            }
        }

        try
        {
            if (!string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            throw new StorageException($"SQLite database '{path}': cannot create directory '{directory}': {ex.Message}", ex);
        }
    }

    private static bool IsStorageFailure(Exception ex) =>
        ex is SqliteException or IOException or UnauthorizedAccessException or JsonException;
}
