using ChatOpsWatch.Domain.Engine.Policy;
using ChatOpsWatch.Domain.Nodes;
using ChatOpsWatch.Domain.Samples;

namespace ChatOpsWatch.Domain.Ports;

/// <summary>
/// Read-only access to a monitor's stored history for offline reports (baseline, noise): it never creates the store,
/// never migrates it and never writes, so it can run beside the live monitor. Every method throws
/// <see cref="StorageException"/> naming the store and the cause when it cannot be read (missing, not this monitor's,
/// a table its schema version lacks).
/// </summary>
public interface IHistoryReader
{
    /// <summary>Where the history is read from, for messages (a file path, a database name).</summary>
    string Location { get; }

    /// <summary>Every node ever registered (retired ones too: their history stays), by name.</summary>
    IReadOnlyList<NodeInfo> Nodes();

    /// <summary>How many samples <see cref="Replay"/> will visit, for progress.</summary>
    long CountSamples(string? node, DateTimeOffset since);

    /// <summary>
    /// Streams samples taken at or after <paramref name="since"/> (of one node, or all), by node then time, one in memory
    /// at a time; returns how many were visited.
    /// </summary>
    long Replay(string? node, DateTimeOffset since, Action<Sample> visit, CancellationToken ct);

    /// <summary>Silences in force at some time after <paramref name="since"/>; one removed early ends at its removal.</summary>
    IReadOnlyList<Silence> Silences(DateTimeOffset since);

    /// <summary>Acknowledgements made at or after <paramref name="since"/>, oldest first.</summary>
    IReadOnlyList<Acknowledgement> Acks(DateTimeOffset since);
}
