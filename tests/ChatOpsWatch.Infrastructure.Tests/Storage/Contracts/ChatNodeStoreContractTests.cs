using ChatOpsWatch.Domain.Chat.NodeAdmin;
using ChatOpsWatch.Domain.Nodes;
using ChatOpsWatch.Testing.Storage;
using Microsoft.Extensions.Time.Testing;

namespace ChatOpsWatch.Infrastructure.Tests.Storage.Contracts;

/// <summary>What /addnode and /rmnode rely on of every <see cref="IChatNodeStore"/>: a redelivered update is applied once.</summary>
public sealed class ChatNodeStoreContractTests
{
    private readonly FakeTimeProvider _time = new(Some.Now);

    public static IEnumerable<object[]> Providers => StorageProviders.Names;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task AddAsync_ThenRestart_NodeReadsBackWhole_AndTheSameUpdateChangesNothing(string provider)
    {
        await using var store = await StorageProviders.OpenAsync(provider, _time);
        Assert.True(await store.Port<IChatNodeStore>().AddAsync(Node(), Entry("addnode", 10), default));

        await store.RestartAsync();
        var nodes = store.Port<IChatNodeStore>();

        Assert.False(await nodes.AddAsync(Node(host: "10.9.9.9"), Entry("addnode", 10), default));
        Assert.False(await nodes.AuditAsync(Entry("addnode-request", 10), default));
        Assert.True(await nodes.AuditAsync(Entry("addnode-request", 11), default));
        Assert.Equal([Node()], await nodes.ActiveAsync(default));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task RemoveAsync_ActiveNode_LeavesTheActiveListUntilAddedAgain(string provider)
    {
        await using var store = await StorageProviders.OpenAsync(provider, _time);
        var nodes = store.Port<IChatNodeStore>();
        await nodes.AddAsync(Node(), Entry("addnode", 10), default);
        await nodes.AddAsync(Node("web-4"), Entry("addnode", 11), default);

        Assert.True(await nodes.RemoveAsync("web-3", Entry("rmnode", 12), default));
        Assert.False(await nodes.RemoveAsync("web-3", Entry("rmnode", 13), default));
        Assert.Equal(["web-4"], (await nodes.ActiveAsync(default)).Select(n => n.Name));

        Assert.True(await nodes.AddAsync(Node(host: "10.0.0.6"), Entry("addnode", 14), default));
        Assert.Equal(["web-3", "web-4"], (await nodes.ActiveAsync(default)).Select(n => n.Name));
        Assert.Equal("10.0.0.6", (await nodes.ActiveAsync(default))[0].Spec.Host);
    }

    private static ChatNode Node(string name = "web-3", string host = "10.0.0.5") => new(
        new NodeAddRequest(name, "deploy", host, 2222, "hetzner", "fra", NodeRole.Edge, "ops"),
        "ssh-ed25519",
        "SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU",
        "@ann (42)",
        Some.Now);

    private static NodeAuditEntry Entry(string action, long updateId) => new(Some.Now, "@ann (42)", action, "web-3", null, updateId);
}
