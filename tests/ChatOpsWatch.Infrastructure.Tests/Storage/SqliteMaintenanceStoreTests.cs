using ChatOpsWatch.Domain.Engine.Policy;
using ChatOpsWatch.Domain.Maintenance;
using ChatOpsWatch.Infrastructure.Storage;

namespace ChatOpsWatch.Infrastructure.Tests.Storage;

public sealed class SqliteMaintenanceStoreTests : IDisposable
{
    private readonly TestDb db = new();

    public void Dispose() => db.Dispose();

    private static MaintenancePlan Once(DateTimeOffset starts, TimeSpan length) =>
        new("", [new Matcher("node", "web-1")], new MaintenanceTiming.Once(starts, starts + length), "@alice (42)", "kernel upgrade", Some.Now);

    [Fact]
    public async Task AddAsync_SameUpdateTwice_StoresOneWindowAndOneAuditRow()
    {
        var store = new SqliteMaintenanceStore(db.Database);

        var first = await store.AddAsync(Once(Some.Now.AddHours(1), TimeSpan.FromHours(2)), updateId: 77, default);
        var second = await store.AddAsync(Once(Some.Now.AddHours(1), TimeSpan.FromHours(2)), updateId: 77, default);

        Assert.Equal("1", first);
        Assert.Null(second);
        Assert.Single(await store.ActiveAsync(Some.Now, default));
        Assert.Equal(1L, Count("SELECT COUNT(*) FROM audit WHERE action = 'maint' AND who = '@alice (42)' AND why = 'kernel upgrade';"));
    }

    [Fact]
    public async Task CancelAsync_ActiveWindow_EndsItWithAnAuditRow()
    {
        var store = new SqliteMaintenanceStore(db.Database);
        var id = await store.AddAsync(Once(Some.Now.AddHours(1), TimeSpan.FromHours(2)), null, default);

        Assert.True(await store.CancelAsync(id!, "@bob (7)", Some.Now, 5, default));
        Assert.False(await store.CancelAsync(id!, "@bob (7)", Some.Now, 6, default));

        Assert.Empty(await store.ActiveAsync(Some.Now, default));
        Assert.Equal(1L, Count("SELECT COUNT(*) FROM audit WHERE action = 'unmaint' AND who = '@bob (7)';"));
    }

    private long Count(string sql)
    {
        using var c = db.Raw();
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        return (long)cmd.ExecuteScalar()!;
    }
}
