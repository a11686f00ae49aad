using ChatOpsWatch.Domain.Engine.Policy;
using ChatOpsWatch.Domain.Ports;
using ChatOpsWatch.Infrastructure.Storage;
using Dapper;

namespace ChatOpsWatch.Infrastructure.Tests.Storage;

public sealed class SqliteMutingStoreTests : IDisposable
{
    private readonly TestDb _db = new();

    public void Dispose() => _db.Dispose();

    private SqliteMutingStore Store => new(_db.Database);

    [Fact]
    public async Task ActiveAsync_SilenceExpiredOrRemoved_IsNotInForceButStaysInTheAudit()
    {
        await Store.RecordAsync(Mute("web-1", minutes: 30), default);
        await Store.RecordAsync(Mute("db-1", minutes: 120), default);
        await Store.RecordAsync(new MutingChange.Unmute("db-1", "@bob (7)", Some.Now.AddMinutes(1)), default);

        var atStart = await Store.ActiveAsync(Some.Now.AddMinutes(1), default);
        var later = await Store.ActiveAsync(Some.Now.AddMinutes(30), default);

        Assert.Equal("web-1", Assert.Single(Assert.Single(atStart.Silences).Matchers).Value);
        Assert.Empty(later.Silences);
        using var raw = _db.Raw();
        Assert.Equal(["mute", "mute", "unmute"], raw.Query<string>("SELECT action FROM audit ORDER BY id;"));
        Assert.Equal(2, raw.ExecuteScalar<int>("SELECT COUNT(*) FROM silences;"));
    }

    [Fact]
    public async Task RecordAsync_DatabaseGone_ThrowsStorageExceptionAndChangesNothing()
    {
        using (var raw = _db.Raw())
        {
            raw.Execute("DROP TABLE audit;");
        }

        await Assert.ThrowsAsync<StorageException>(() => Store.RecordAsync(Mute("web-1", 30), default));

        using var check = _db.Raw();
        Assert.Equal(0, check.ExecuteScalar<int>("SELECT COUNT(*) FROM silences;"));
    }

    private static MutingChange.Mute Mute(string node, int minutes) =>
        new(new Silence("", [new Matcher("node", node)], Some.Now, Some.Now.AddMinutes(minutes), "@alice (42)", "maintenance"));
}
