using ChatOpsWatch.Domain.Ports;
using ChatOpsWatch.Infrastructure.Storage;
using Dapper;
using Microsoft.Extensions.Time.Testing;

namespace ChatOpsWatch.Infrastructure.Tests.Storage;

public sealed class SqliteDatabaseTests
{
    [Fact]
    public void Open_MissingDirectoryAndFile_CreatesThemAndAppliesEveryMigration()
    {
        using var db = new TestDb();

        Assert.True(File.Exists(db.Path));
        using var raw = db.Raw();
        var versions = raw.Query<long>("SELECT version FROM schema_version ORDER BY version;").ToList();
        Assert.Equal(SqliteSchema.Migrations.Select(m => (long)m.Version), versions);
        var tables = raw.Query<string>("SELECT name FROM sqlite_schema WHERE type = 'table';").ToHashSet();
        Assert.Superset(new HashSet<string> { "nodes", "samples", "alert_state", "outbox", "host_keys", "schema_version" }, tables);
        Assert.Equal("wal", raw.ExecuteScalar<string>("PRAGMA journal_mode;"));
    }

    [Fact]
    public async Task Open_Again_KeepsDataAndDoesNotRerunMigrations()
    {
        using var db = new TestDb();
        await db.Monitor.UpsertNodeAsync(Some.Node("tokyo-1"), CancellationToken.None);
        List<(long, long)> Applied()
        {
            using var raw = db.Raw();
            return raw.Query<(long, long)>("SELECT version, applied_at FROM schema_version ORDER BY version;").ToList();
        }

        var before = Applied();
        db.Time.Advance(TimeSpan.FromHours(1));

        db.Reopen();

        Assert.Equal(before, Applied());
        var fleet = await db.Monitor.FleetAsync(CancellationToken.None);
        Assert.Equal("tokyo-1", Assert.Single(fleet).Node.Name);
    }

    [Fact]
    public async Task Open_DatabaseFromNewerBuild_RefusesAndChangesNothing()
    {
        using var db = new TestDb();
        await db.Monitor.UpsertNodeAsync(Some.Node(), CancellationToken.None);
        db.Database.Dispose();
        using (var raw = db.Raw())
        {
            raw.Execute("INSERT INTO schema_version (version, applied_at) VALUES (999, 0);");
        }

        var ex = Assert.Throws<StorageException>(() => SqliteDatabase.Open(db.Path, db.Time));

        Assert.Contains(db.Path, ex.Message, StringComparison.Ordinal);
        Assert.Contains("999", ex.Message, StringComparison.Ordinal);
        using var check = db.Raw();
        Assert.Equal(1, check.ExecuteScalar<int>("SELECT COUNT(*) FROM nodes;"));
    }

    [Fact]
    public void Open_PathIsADirectory_ThrowsStorageExceptionNamingPath()
    {
        using var db = new TestDb();
        var path = Path.Combine(db.Directory, "a-directory");
        Directory.CreateDirectory(path);

        var ex = Assert.Throws<StorageException>(() => SqliteDatabase.Open(path, db.Time));

        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
        Assert.Contains("directory", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_ParentIsARegularFile_ThrowsStorageExceptionNamingPath()
    {
        using var db = new TestDb();
        var file = Path.Combine(db.Directory, "file.txt");
        File.WriteAllText(file, "not a directory");
        var path = Path.Combine(file, "sub", "chatopswatch.db");

        var ex = Assert.Throws<StorageException>(() => SqliteDatabase.Open(path, db.Time));

        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
        Assert.Contains($"'{file}' is a file", ex.Message, StringComparison.Ordinal);
    }

    // Root ignores file modes, so these use directories that no one can create files in.
    [Theory]
    [InlineData("/proc/self/chatopswatch.db")]
    [InlineData("/proc/chatopswatch/chatopswatch.db")]
    public void Open_DirectoryNotWritable_ThrowsStorageExceptionNamingPath(string path)
    {
        var ex = Assert.Throws<StorageException>(() => SqliteDatabase.Open(path, TimeProvider.System));

        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_FileIsNotADatabase_ThrowsAndLeavesTheFileAlone()
    {
        using var db = new TestDb();
        var path = Path.Combine(db.Directory, "garbage.db");
        var garbage = Enumerable.Range(0, 8192).Select(i => (byte)(i * 37 % 251)).ToArray();
        File.WriteAllBytes(path, garbage);

        var ex = Assert.Throws<StorageException>(() => SqliteDatabase.Open(path, new FakeTimeProvider(Some.Now)));

        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
        Assert.Contains("not a database", ex.Message, StringComparison.Ordinal);
        Assert.Equal(garbage, File.ReadAllBytes(path));
    }

    [Fact]
    public async Task RunAsync_AnyConnection_HasWalFullSyncForeignKeysAndBusyTimeout()
    {
        using var db = new TestDb();

        var pragmas = await db.Database.RunAsync(
            "test",
            async c => (
                await c.ExecuteScalarAsync<string>("PRAGMA journal_mode;"),
                await c.ExecuteScalarAsync<long>("PRAGMA synchronous;"),
                await c.ExecuteScalarAsync<long>("PRAGMA foreign_keys;"),
                await c.ExecuteScalarAsync<long>("PRAGMA busy_timeout;")),
            CancellationToken.None);

        Assert.Equal(("wal", 2L, 1L, (long)SqliteDatabase.BusyTimeoutMs), pragmas); // synchronous 2 = FULL
    }
}
