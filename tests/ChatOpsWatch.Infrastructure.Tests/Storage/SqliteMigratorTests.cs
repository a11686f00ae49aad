using ChatOpsWatch.Infrastructure.Storage;
using Dapper;
using Microsoft.Data.Sqlite;

namespace ChatOpsWatch.Infrastructure.Tests.Storage;

public sealed class SqliteMigratorTests : IDisposable
{
    private readonly TestDb _db = new();

    public void Dispose() => _db.Dispose();

    /// <summary>The newest version; versions increase but need not be contiguous (branches take numbers in parallel).</summary>
    private static int Latest => SqliteSchema.Migrations[^1].Version;

    [Fact]
    public void Apply_NewMigration_UpgradesOnceAndKeepsData()
    {
        using var raw = _db.Raw();
        raw.Execute("INSERT INTO host_keys VALUES ('tokyo-1', 'ssh-ed25519', 'SHA256:x', 'first-use', 0);");
        Migration[] next = [.. SqliteSchema.Migrations, new(Latest + 1, "ALTER TABLE host_keys ADD COLUMN note TEXT;")];

        SqliteMigrator.Apply(raw, _db.Path, next, Some.Now);
        SqliteMigrator.Apply(raw, _db.Path, next, Some.Now);

        Assert.Equal(Latest + 1, SqliteMigrator.CurrentVersion(raw));
        Assert.Equal(next.Length, raw.ExecuteScalar<int>("SELECT COUNT(*) FROM schema_version;"));
        Assert.Equal(1, raw.ExecuteScalar<int>("SELECT COUNT(*) FROM host_keys WHERE note IS NULL;"));
    }

    [Fact]
    public void Apply_MigrationFailsHalfway_RollsBackToThePreviousVersion()
    {
        using var raw = _db.Raw();
        var broken = new Migration(
            Latest + 1,
            "CREATE TABLE half_done (x INTEGER); INSERT INTO no_such_table VALUES (1);");

        Assert.Throws<SqliteException>(() => SqliteMigrator.Apply(raw, _db.Path, [.. SqliteSchema.Migrations, broken], Some.Now));

        Assert.Equal(Latest, SqliteMigrator.CurrentVersion(raw));
        Assert.Equal(0, raw.ExecuteScalar<int>("SELECT COUNT(*) FROM sqlite_schema WHERE name = 'half_done';"));
    }
}
