using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Domain.Notifications;
using ChatOpsWatch.Domain.Ports;
using ChatOpsWatch.Domain.Security;
using ChatOpsWatch.Testing.Storage;
using Microsoft.Extensions.Time.Testing;

namespace ChatOpsWatch.Infrastructure.Tests.Storage.Contracts;

/// <summary>What host-key trust relies on of every <see cref="IHostKeyStore"/>: a pin stays, a changed key is not trusted.</summary>
public sealed class HostKeyStoreContractTests
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly PinnedHostKey Key = new("tokyo-1", "ssh-ed25519", "SHA256:q8Ck3l0mT2vX1rYzR0m7w1dZyqTqgH9pV4b2Jt8cQ5E", "first-use");
    private static readonly OutboxMessage Announcement = new(MessageKind.Security, Severity.Warning, "Pinned <code>ssh-ed25519</code> for tokyo-1");
    private readonly FakeTimeProvider _time = new(Some.Now);

    public static IEnumerable<object[]> Providers => StorageProviders.Names;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task PinAsync_SameKeyTwice_PinsOnceAndAnnouncesOnce(string provider)
    {
        await using var store = await StorageProviders.OpenAsync(provider, _time);
        var keys = store.Port<IHostKeyStore>();

        await keys.PinAsync(Key, Announcement, Some.Now, None);
        await keys.PinAsync(Key with { Source = "operator" }, Announcement, Some.Now.AddMinutes(5), None);

        Assert.Equal([Key], await keys.PinsAsync("tokyo-1", None));
        Assert.Equal(Announcement, Assert.Single(await store.Port<IOutbox>().DueAsync(Some.Now.AddHours(1), 10, None)).Message);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task PinsAsync_AfterARestart_TrustsThePinnedKeyAndRefusesAChangedOne(string provider)
    {
        await using var store = await StorageProviders.OpenAsync(provider, _time);
        await store.Port<IHostKeyStore>().PinAsync(Key, null, Some.Now, None);

        await store.RestartAsync();
        var pins = await store.Port<IHostKeyStore>().PinsAsync("tokyo-1", None);

        Assert.Equal(HostKeyVerdict.Trusted, HostKeyPolicy.Decide(pins, Key.Algorithm, Key.Fingerprint));
        Assert.Equal(HostKeyVerdict.Mismatch, HostKeyPolicy.Decide(pins, Key.Algorithm, "SHA256:changed"));
        Assert.Equal(HostKeyVerdict.FirstUse, HostKeyPolicy.Decide(await store.Port<IHostKeyStore>().PinsAsync("osaka-1", None), Key.Algorithm, Key.Fingerprint));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task PinsAsync_SeveralKeys_ReturnsOnlyThatNodesKeysInPinOrder(string provider)
    {
        await using var store = await StorageProviders.OpenAsync(provider, _time);
        var keys = store.Port<IHostKeyStore>();
        var rsa = Key with { Algorithm = "rsa-sha2-512", Fingerprint = "SHA256:other" };
        await keys.PinAsync(Key, null, Some.Now, None);
        await keys.PinAsync(Key with { Node = "osaka-1" }, null, Some.Now, None);
        await keys.PinAsync(rsa, null, Some.Now.AddSeconds(1), None);

        Assert.Equal([Key, rsa], await keys.PinsAsync("tokyo-1", None));
        Assert.Equal(0, await store.Port<IOutbox>().BacklogAsync(None));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ForgetAsync_Node_RemovesOnlyItsPinsSoTheNextKeyCanBePinned(string provider)
    {
        await using var store = await StorageProviders.OpenAsync(provider, _time);
        var keys = store.Port<IHostKeyStore>();
        await keys.PinAsync(Key, null, Some.Now, None);
        await keys.PinAsync(Key with { Node = "osaka-1" }, null, Some.Now, None);

        await keys.ForgetAsync("tokyo-1", None);
        var replacement = Key with { Fingerprint = "SHA256:new", Source = "operator" };
        await keys.PinAsync(replacement, Announcement, Some.Now.AddDays(1), None);

        Assert.Equal([replacement], await keys.PinsAsync("tokyo-1", None));
        Assert.Single(await keys.PinsAsync("osaka-1", None));
        Assert.Equal(1, await store.Port<IOutbox>().BacklogAsync(None));
    }
}
