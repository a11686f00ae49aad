using ChatOpsWatch.Domain.Text;
using ChatOpsWatch.Infrastructure.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace ChatOpsWatch.Infrastructure.Tests.Storage;

/// <summary>A real SQLite file in a fresh temporary directory, deleted with it on dispose.</summary>
public sealed class TestDb : IDisposable
{
    public TestDb()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("chatopswatch-storage-").FullName;
        Path = System.IO.Path.Combine(Directory, "data", "chatopswatch.db");
        Database = SqliteDatabase.Open(Path, Time);
    }

    public string Directory { get; }

    public string Path { get; }

    public FakeTimeProvider Time { get; } = new(Some.Now);

    public SqliteDatabase Database { get; private set; }

    public SqliteMonitorStore Monitor => new(Database, Time, TextCatalog.English);

    public SqliteOutbox Outbox => new(Database, TextCatalog.English);

    public SqliteHostKeyStore HostKeys => new(Database);

    /// <summary>Closes every pooled connection and opens the file again, as a restarted process would.</summary>
    public void Reopen()
    {
        Database.Dispose();
        Database = SqliteDatabase.Open(Path, Time);
    }

    /// <summary>An unpooled connection for inspecting or sabotaging the file behind the stores' back.</summary>
    public SqliteConnection Raw() => RawAt(Path);

    public static SqliteConnection RawAt(string path)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    public void Dispose()
    {
        Database.Dispose();
        System.IO.Directory.Delete(Directory, recursive: true);
    }
}
