using ChatOpsWatch.Domain.Ports;
using ChatOpsWatch.Domain.SelfWatch;
using ChatOpsWatch.Testing.Storage;
using Microsoft.Extensions.Time.Testing;

namespace ChatOpsWatch.Infrastructure.Tests.Storage.Contracts;

/// <summary>
/// What self-watch and <c>chatopswatch health</c> rely on of every <see cref="ILivenessStore"/> and <see cref="ISelfCheck"/>:
/// the health verb reads back what the monitor wrote, and the outbox backlog both see.
/// </summary>
public sealed class LivenessStoreContractTests
{
    private readonly FakeTimeProvider _time = new(Some.Now);

    public static IEnumerable<object[]> Providers => StorageProviders.Names;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task WriteAsync_TwoBeats_TheHealthCheckReadsTheLatestAndTheOutbox(string provider)
    {
        await using var store = await StorageProviders.OpenAsync(provider, _time);
        var liveness = store.Port<ILivenessStore>();
        var first = new Liveness(Some.Now.AddHours(-5), Some.Now.AddSeconds(-15), null, null, TimeSpan.FromSeconds(30), 3, TimeSpan.FromSeconds(15));
        var latest = first with { BeatAt = Some.Now, LastFiredAt = Some.Now.AddSeconds(-20), LastCompletedAt = Some.Now.AddSeconds(-19) };
        await liveness.WriteAsync(first, default);
        await liveness.WriteAsync(latest, default);
        await store.Port<IOutbox>().EnqueueAsync(Some.Message(), Some.Now.AddMinutes(-2), default);
        await store.Port<IOutbox>().EnqueueAsync(Some.Message(), Some.Now, default);

        var facts = await store.Port<ISelfCheck>().ReadAsync(Some.Now, default);

        Assert.Equal(new SelfCheckFacts(null, latest, 2, Some.Now.AddMinutes(-2)), facts);
        Assert.Equal((2, (DateTimeOffset?)Some.Now.AddMinutes(-2)), await liveness.OutboxAsync(default));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ReadAsync_NoMonitorHasBeatYet_TakesAWriteAndHasNoLiveness(string provider)
    {
        await using var store = await StorageProviders.OpenAsync(provider, _time);

        var facts = await store.Port<ISelfCheck>().ReadAsync(Some.Now, default);

        Assert.Equal(new SelfCheckFacts(null, null, 0, null), facts);
        Assert.Equal((0, (DateTimeOffset?)null), await store.Port<ILivenessStore>().OutboxAsync(default));
    }
}
