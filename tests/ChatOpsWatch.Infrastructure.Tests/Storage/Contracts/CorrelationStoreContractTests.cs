using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Domain.Correlation;
using ChatOpsWatch.Domain.Notifications;
using ChatOpsWatch.Domain.Ports;
using ChatOpsWatch.Testing.Storage;
using Microsoft.Extensions.Time.Testing;

namespace ChatOpsWatch.Infrastructure.Tests.Storage.Contracts;

/// <summary>What the correlator relies on of every <see cref="ICorrelationStore"/>: its state and its messages survive together.</summary>
public sealed class CorrelationStoreContractTests
{
    private readonly FakeTimeProvider _time = new(Some.Now);

    public static IEnumerable<object[]> Providers => StorageProviders.Names;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task LoadAsync_NothingCommittedYet_EmptyState(string provider)
    {
        await using var store = await StorageProviders.OpenAsync(provider, _time);

        var state = await store.Port<ICorrelationStore>().LoadAsync(default);

        Assert.Empty(state.Down);
        Assert.Empty(state.Groups);
        Assert.Null(state.IsolatedSince);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task CommitAsync_StateAndMessageThenRestart_BothReadBack_TheLastCommitWins(string provider)
    {
        await using var store = await StorageProviders.OpenAsync(provider, _time);
        var down = new TrackedDown("tokyo-1", Some.Now, DownStatus.Grouped, "region=tokyo");
        var state = CorrelationState.Empty with
        {
            Down = new Dictionary<string, TrackedDown> { ["tokyo-1"] = down },
            Groups = [new GroupIncident("region", "tokyo", Some.Now, 9, ["tokyo-1"])],
            IsolatedSince = Some.Now.AddMinutes(-1),
        };
        await store.Port<ICorrelationStore>().CommitAsync(CorrelationState.Empty, [], Some.Now.AddMinutes(-5), default);
        await store.Port<ICorrelationStore>().CommitAsync(state, [new OutboxMessage(MessageKind.Alert, Severity.Critical, "outage")], Some.Now, default);

        await store.RestartAsync();
        var back = await store.Port<ICorrelationStore>().LoadAsync(default);

        Assert.Equal(down, back.Down["tokyo-1"]);
        var group = Assert.Single(back.Groups);
        Assert.Equal(("region", "tokyo", 9), (group.Tag, group.Value, group.Size));
        Assert.Equal(["tokyo-1"], group.Members);
        Assert.Equal(Some.Now.AddMinutes(-1), back.IsolatedSince);
        Assert.Equal("outage", Assert.Single(await store.Port<IOutbox>().DueAsync(Some.Now, 10, default)).Message.Html);
    }
}
