using ChatOpsWatch.Infrastructure.Storage.ChatNodes;
using ChatOpsWatch.Domain.Chat.NodeAdmin;
using ChatOpsWatch.Domain.Nodes;
using Dapper;

namespace ChatOpsWatch.Infrastructure.Tests.Storage.ChatNodes;

public sealed class SqliteChatNodeStoreTests : IDisposable
{
    private readonly TestDb _db = new();

    private SqliteChatNodeStore Store => new(_db.Database);

    private static ChatNode Node(string name = "web-3", string host = "10.0.0.5") => new(
        new NodeAddRequest(name, "deploy", host, 2222, "hetzner", "fra", NodeRole.Edge, "ops"),
        "ssh-ed25519",
        "SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU",
        "@ann (42)",
        Some.Now);

    private static NodeAuditEntry Entry(string action, long updateId) => new(Some.Now, "@ann (42)", action, "web-3", null, updateId);

    [Fact]
    public async Task AddAsync_SameUpdateIdAgain_ChangesNothing()
    {
        await Store.AddAsync(Node(), Entry("addnode", 10), default);

        Assert.False(await Store.AddAsync(Node(host: "10.9.9.9"), Entry("addnode", 10), default));
        Assert.False(await Store.AuditAsync(Entry("addnode-request", 10), default));

        Assert.Equal("10.0.0.5", Assert.Single(await Store.ActiveAsync(default)).Spec.Host);
        using var raw = _db.Raw();
        Assert.Equal(1, raw.ExecuteScalar<long>("SELECT COUNT(*) FROM audit;"));
    }

    [Fact]
    public async Task RemoveAsync_KeepsTheRowAndItsAudit_AndAddBringsItBack()
    {
        await Store.AddAsync(Node(), Entry("addnode", 10), default);

        Assert.True(await Store.RemoveAsync("web-3", Entry("removenode", 11), default));
        Assert.Empty(await Store.ActiveAsync(default));
        Assert.False(await Store.RemoveAsync("web-3", Entry("removenode", 12), default));

        Assert.True(await Store.AddAsync(Node(host: "10.0.0.6"), Entry("addnode", 13), default));
        Assert.Equal("10.0.0.6", Assert.Single(await Store.ActiveAsync(default)).Spec.Host);
        using var raw = _db.Raw();
        Assert.Equal(["addnode", "removenode", "addnode"], raw.Query<string>("SELECT action FROM audit ORDER BY id;"));
    }

    public void Dispose() => _db.Dispose();
}
