using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Domain.Engine.Live;
using ChatOpsWatch.Domain.Nodes;
using ChatOpsWatch.Domain.Samples;

namespace ChatOpsWatch.Domain.Ports;

/// <summary>
/// Samples and alert state. Every method throws <see cref="StorageException"/> (with the database
/// path and the cause in its message) when the store cannot be read or written; nothing is
/// swallowed, so a failed commit means the poll's effects did not happen at all.
/// </summary>
public interface IMonitorStore
{
    /// <summary>Registers or updates a node's tags; samples and alerts refer to it by name.</summary>
    Task UpsertNodeAsync(NodeInfo node, CancellationToken ct);

    /// <summary>
    /// Marks a node as no longer monitored (removed from the configuration): it leaves /status, while
    /// its history stays. Registering it again brings it back.
    /// </summary>
    Task RetireNodeAsync(string node, CancellationToken ct);

    /// <summary>The node's alert states keyed by <see cref="AlertKey.Of(AlertState)"/>.</summary>
    Task<IReadOnlyDictionary<string, AlertState>> LoadAlertStatesAsync(string node, CancellationToken ct);

    /// <summary>The live engine's persisted rule states of the node (every rule × series it has stepped).</summary>
    Task<IReadOnlyList<EngineAlert>> LoadEngineStatesAsync(string node, CancellationToken ct);

    /// <summary>
    /// Streams the node's stored samples taken at or after <paramref name="since"/>, oldest first, to
    /// <paramref name="visit"/> (one row in memory at a time), for rebuilding learned state at start.
    /// Returns how many were visited.
    /// </summary>
    Task<int> ReplaySamplesAsync(string node, DateTimeOffset since, Action<Sample> visit, CancellationToken ct);

    /// <summary>
    /// Writes the sample, the changed alert states, the engine states and the messages they cause in ONE transaction,
    /// synchronous=FULL, so that a crash leaves either all of it or none of it.
    /// </summary>
    Task CommitPollAsync(string node, PollDecision decision, DateTimeOffset now, CancellationToken ct);

    /// <summary>For /status: every monitored (not retired) node with its latest sample (if any) and its firing alerts.</summary>
    Task<IReadOnlyList<NodeStatus>> FleetAsync(CancellationToken ct);
}

/// <summary>One node as /status shows it.</summary>
public sealed record NodeStatus(NodeInfo Node, Sample? Latest, IReadOnlyList<AlertState> Firing);
