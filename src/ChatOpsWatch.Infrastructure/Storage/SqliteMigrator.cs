using ChatOpsWatch.Domain.Ports;
using Dapper;
using Microsoft.Data.Sqlite;

namespace ChatOpsWatch.Infrastructure.Storage;

/// <summary>One schema step. Versions start at 1 and increase by one; a script never changes once released.</summary>
internal sealed record Migration(int Version, string Script);

/// <summary>
/// Brings a database up to the newest known schema version, one transaction per migration, recording
/// each in <c>schema_version</c>. Re-running is a no-op; a database from a newer build is refused
/// rather than written with a schema this code does not understand.
/// </summary>
internal static class SqliteMigrator
{
    public static void Apply(SqliteConnection connection, string path, IReadOnlyList<Migration> migrations, DateTimeOffset now)
    {
        var known = migrations.Count == 0 ? 0 : migrations[^1].Version;
        connection.Execute(
            "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL) STRICT;");
        var found = CurrentVersion(connection);
        if (found > known)
        {
            throw new StorageException(
                $"SQLite database '{path}' has schema version {found}, newer than version {known} that this build knows; " +
                "run a newer ChatOpsWatch or restore a backup made by this one.");
        }

        foreach (var migration in migrations.Where(m => m.Version > found))
        {
            // IMMEDIATE: a second process migrating at the same moment waits here, then skips what the
            // first one applied.
            using var tx = connection.BeginTransaction();
            if (CurrentVersion(connection, tx) >= migration.Version)
            {
                continue;
            }

            connection.Execute(migration.Script, transaction: tx);
            connection.Execute(
                "INSERT INTO schema_version (version, applied_at) VALUES (@Version, @At);",
                new { migration.Version, At = now.ToUnixTimeMilliseconds() },
                tx);
            tx.Commit();
        }
    }

    public static int CurrentVersion(SqliteConnection connection, SqliteTransaction? tx = null) =>
        connection.ExecuteScalar<int?>("SELECT MAX(version) FROM schema_version;", transaction: tx) ?? 0;
}
