using ChatOpsWatch.Domain.Text;
using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Infrastructure.Storage;
using Dapper;
using Xunit.Abstractions;

namespace ChatOpsWatch.Infrastructure.Tests.Storage;

public sealed class SqliteDurabilityTests(ITestOutputHelper output) : IDisposable
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly TestDb _db = new();

    public void Dispose() => _db.Dispose();

    /// <summary>
    /// A crash leaves the database file and its WAL as they were at the last commit, with nothing
    /// checkpointed and no clean close. Copying both while the store still holds its connections
    /// open gives exactly that, and opening the copy is the restart.
    /// </summary>
    [Fact]
    public async Task CommitPollAsync_ProcessDiesWithoutClosing_CommittedPollSurvivesRestart()
    {
        var store = _db.Monitor;
        await store.UpsertNodeAsync(Some.Node("tokyo-1"), None);
        var firing = Some.Firing("tokyo-1");
        var decision = new PollDecision(Some.Sample("tokyo-1", Some.Now), [Some.Move(firing)], [Some.Message(Severity.Critical)]);
        await store.CommitPollAsync("tokyo-1", decision, Some.Now, None);

        var crashed = Path.Combine(_db.Directory, "after-crash");
        Directory.CreateDirectory(crashed);
        var wal = new FileInfo(_db.Path + "-wal");
        Assert.True(wal.Exists && wal.Length > 0, "the commit should still be in the WAL, not checkpointed");
        File.Copy(_db.Path, Path.Combine(crashed, "chatopswatch.db"));
        File.Copy(wal.FullName, Path.Combine(crashed, "chatopswatch.db-wal"));

        using var restarted = SqliteDatabase.Open(Path.Combine(crashed, "chatopswatch.db"), _db.Time);
        var after = new SqliteMonitorStore(restarted, _db.Time, TextCatalog.English);

        Assert.Equal(firing, Assert.Single(await after.LoadAlertStatesAsync("tokyo-1", None)).Value);
        Assert.Equal(decision.Sample!.Values, Assert.Single(await after.FleetAsync(None)).Latest!.Values);
        Assert.Equal(decision.Messages, (await new SqliteOutbox(restarted, TextCatalog.English).DueAsync(Some.Now, 10, None)).Select(e => e.Message));
    }

    /// <summary>Disk cost of the samples table: about 20 metrics per poll, one row per poll.</summary>
    [Fact]
    public async Task CommitPollAsync_TypicalSamples_CostUnderOneKilobyteEach()
    {
        const int Rows = 2000;
        var store = _db.Monitor;
        await store.UpsertNodeAsync(Some.Node("tokyo-1"), None);
        var empty = UsedBytes();

        for (var i = 0; i < Rows; i++)
        {
            var sample = Some.Sample("tokyo-1", Some.Now.AddSeconds(30 * i), load: Math.Round(0.01 * (i % 500), 2));
            await store.CommitPollAsync("tokyo-1", new PollDecision(sample, [], []), Some.Now, None);
        }

        var perRow = (UsedBytes() - empty) / (double)Rows;
        using var raw = _db.Raw();
        var blob = raw.ExecuteScalar<double>("SELECT AVG(length(data)) FROM points;");
        output.WriteLine($"{perRow:F0} bytes per sample row on disk (table and key), of which {blob:F0} bytes of encoded values");
        Assert.InRange(perRow, blob, 1024);
    }

    private long UsedBytes()
    {
        using var raw = _db.Raw();
        raw.Execute("PRAGMA wal_checkpoint(TRUNCATE);");
        return raw.ExecuteScalar<long>("SELECT (page_count - freelist_count) * page_size FROM pragma_page_count, pragma_freelist_count, pragma_page_size;");
    }
}
