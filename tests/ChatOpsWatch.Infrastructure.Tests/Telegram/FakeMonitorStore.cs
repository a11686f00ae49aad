using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Domain.Engine.Live;
using ChatOpsWatch.Domain.Nodes;
using ChatOpsWatch.Domain.Ports;
using ChatOpsWatch.Domain.Samples;

namespace ChatOpsWatch.Infrastructure.Tests.Telegram;

/// <summary>Serves a fixed fleet to /status and counts the reads, so tests can prove a refusal read nothing.</summary>
public sealed class FakeMonitorStore(IReadOnlyList<NodeStatus> fleet) : IMonitorStore
{
    private int fleetReads;

    public int FleetReads => Volatile.Read(ref fleetReads);

    /// <summary>When set, FleetAsync throws it (a broken database).</summary>
    public StorageException? Failure { get; set; }

    public Task<IReadOnlyList<NodeStatus>> FleetAsync(CancellationToken ct)
    {
        Interlocked.Increment(ref fleetReads);
        return Failure is { } f ? Task.FromException<IReadOnlyList<NodeStatus>>(f) : Task.FromResult(fleet);
    }

    public Task UpsertNodeAsync(NodeInfo node, CancellationToken ct) => throw new NotSupportedException();

    public Task RetireNodeAsync(string node, CancellationToken ct) => throw new NotSupportedException();

    public Task<IReadOnlyDictionary<string, AlertState>> LoadAlertStatesAsync(string node, CancellationToken ct) => throw new NotSupportedException();

    public Task CommitPollAsync(string node, PollDecision decision, DateTimeOffset now, CancellationToken ct) => throw new NotSupportedException();

    /// <summary>The engine states /ack and /mute read, per node; none unless a test sets them.</summary>
    public Dictionary<string, IReadOnlyList<EngineAlert>> EngineStates { get; } = new(StringComparer.Ordinal);

    public Task<IReadOnlyList<EngineAlert>> LoadEngineStatesAsync(string node, CancellationToken ct) =>
        Task.FromResult(EngineStates.TryGetValue(node, out var states) ? states : (IReadOnlyList<EngineAlert>)[]);

    public Task<int> ReplaySamplesAsync(string node, DateTimeOffset since, Action<Sample> visit, CancellationToken ct) => throw new NotSupportedException();
}
