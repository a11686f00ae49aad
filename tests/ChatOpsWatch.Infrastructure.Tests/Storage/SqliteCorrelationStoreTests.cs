using ChatOpsWatch.Domain.Text;
using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Domain.Correlation;
using ChatOpsWatch.Domain.Notifications;
using ChatOpsWatch.Domain.Ports;
using ChatOpsWatch.Infrastructure.Storage;
using Dapper;

namespace ChatOpsWatch.Infrastructure.Tests.Storage;

public sealed class SqliteCorrelationStoreTests : IDisposable
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly TestDb _db = new();

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task CommitAsync_StateAndMessageThenRestart_BothReadBack()
    {
        var state = CorrelationState.Empty with
        {
            Down = new Dictionary<string, TrackedDown> { ["tokyo-1"] = new("tokyo-1", Some.Now, DownStatus.Grouped, "region=tokyo") },
            Groups = [new GroupIncident("region", "tokyo", Some.Now, 9, ["tokyo-1"])],
        };
        await new SqliteCorrelationStore(_db.Database, TextCatalog.English).CommitAsync(state, [new OutboxMessage(MessageKind.Alert, Severity.Critical, "outage")], Some.Now, None);

        _db.Reopen();
        var back = await new SqliteCorrelationStore(_db.Database, TextCatalog.English).LoadAsync(None);

        Assert.Equal(state.Down["tokyo-1"], back.Down["tokyo-1"]);
        Assert.Equal(["tokyo-1"], Assert.Single(back.Groups).Members);
        using var raw = _db.Raw();
        Assert.Equal("outage", raw.QuerySingle<string>("SELECT html FROM outbox"));
    }

    [Fact]
    public async Task LoadAsync_StoredStateUnreadable_StorageExceptionNamingTheFile()
    {
        using (var raw = _db.Raw())
        {
            raw.Execute("INSERT INTO correlation_state (id, state, updated_at) VALUES (1, '{not json', 0)");
        }

        var ex = await Assert.ThrowsAsync<StorageException>(() => new SqliteCorrelationStore(_db.Database, TextCatalog.English).LoadAsync(None));

        Assert.Contains(_db.Path, ex.Message, StringComparison.Ordinal);
        Assert.Contains("correlation state", ex.Message, StringComparison.Ordinal);
    }
}
