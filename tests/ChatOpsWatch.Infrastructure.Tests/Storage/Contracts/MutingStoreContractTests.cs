using ChatOpsWatch.Domain.Engine.Policy;
using ChatOpsWatch.Testing.Storage;
using Microsoft.Extensions.Time.Testing;

namespace ChatOpsWatch.Infrastructure.Tests.Storage.Contracts;

/// <summary>What /mute, /unmute and Ack rely on of every <see cref="IMutingStore"/>.</summary>
public sealed class MutingStoreContractTests
{
    private readonly FakeTimeProvider _time = new(Some.Now);

    public static IEnumerable<object[]> Providers => StorageProviders.Names;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ActiveAsync_SilenceExpiredOrRemoved_IsNotInForce(string provider)
    {
        await using var store = await StorageProviders.OpenAsync(provider, _time);
        var muting = store.Port<IMutingStore>();
        var web = Assert.Single(await muting.RecordAsync(Mute("web-1", minutes: 30), default));
        await muting.RecordAsync(Mute("db-1", minutes: 120), default);
        var ended = await muting.RecordAsync(new MutingChange.Unmute("db-1", "@bob (7)", Some.Now.AddMinutes(1)), default);

        await store.RestartAsync();
        muting = store.Port<IMutingStore>();
        var atStart = await muting.ActiveAsync(Some.Now.AddMinutes(1), default);
        var later = await muting.ActiveAsync(Some.Now.AddMinutes(30), default);

        Assert.Single(ended);
        var silence = Assert.Single(atStart.Silences);
        Assert.Equal((web, "web-1", "@alice (42)", "maintenance"), (silence.Id, Assert.Single(silence.Matchers).Value, silence.CreatedBy, silence.Comment));
        Assert.Equal(Some.Now.AddMinutes(30), silence.Expires);
        Assert.Empty(later.Silences);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task RecordAsync_SameAckTwice_KeepsTheFirst(string provider)
    {
        await using var store = await StorageProviders.OpenAsync(provider, _time);
        var muting = store.Port<IMutingStore>();
        var ack = new Acknowledgement("db-1", "cpu", Some.Now.AddMinutes(-10), "@alice (42)", Some.Now);

        var first = await muting.RecordAsync(new MutingChange.Ack([ack], ack.By, ack.At), default);
        var again = await muting.RecordAsync(new MutingChange.Ack([ack with { By = "@bob (7)" }], "@bob (7)", Some.Now.AddMinutes(1)), default);

        Assert.Equal(["db-1/cpu"], first);
        Assert.Empty(again);
        Assert.Equal(ack, Assert.Single((await muting.ActiveAsync(Some.Now, default)).Acks));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task RecordAsync_SameUpdateTwice_AppliesItOnce(string provider)
    {
        await using var store = await StorageProviders.OpenAsync(provider, _time);
        var muting = store.Port<IMutingStore>();

        var first = await muting.RecordAsync(Mute("web-1", 30) with { UpdateId = 501 }, default);
        var again = await muting.RecordAsync(Mute("web-2", 30) with { UpdateId = 501 }, default);

        Assert.Single(first);
        Assert.Empty(again);
        Assert.Equal("web-1", Assert.Single(Assert.Single((await muting.ActiveAsync(Some.Now, default)).Silences).Matchers).Value);
    }

    private static MutingChange.Mute Mute(string node, int minutes) =>
        new(new Silence("", [new Matcher("node", node)], Some.Now, Some.Now.AddMinutes(minutes), "@alice (42)", "maintenance"));
}
