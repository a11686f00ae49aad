using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Domain.Engine.Live;
using ChatOpsWatch.Domain.Ports;
using ChatOpsWatch.Domain.Probing;
using ChatOpsWatch.Domain.Vps;
using ChatOpsWatch.Worker.Configuration;

namespace ChatOpsWatch.Worker.Polling;

/// <summary>
/// What the monitor keeps in memory per node between polls. Quartz never runs two polls of one
/// node at once ([DisallowConcurrentExecution] per JobKey), so this needs no lock.
/// </summary>
public sealed class NodeRuntime(NodeConfig config, IProbeRunner runner) : IDisposable
{
    public NodeConfig Config { get; } = config;

    public IProbeRunner Runner { get; } = runner;

    /// <summary>The previous snapshot, for counter deltas (CPU).</summary>
    public ProbeSnapshot? Previous { get; set; }

    /// <summary>Alert states as last committed; loaded from the store on the first poll after a start.</summary>
    public Dictionary<string, AlertState>? States { get; set; }

    /// <summary>The engine's open info findings after the last committed poll: a snapshot others may read from any thread.</summary>
    public IReadOnlyList<InfoFinding> Findings { get; set; } = [];

    /// <summary>The live alert engine of the node; warmed up from stored samples on the first poll after a start.</summary>
    public LiveEngine? Engine { get; set; }

    /// <summary>The addresses the node's Host resolved to on the last committed sample, for node.ip_changed.</summary>
    public IReadOnlyList<string>? Addresses { get; set; }

    /// <summary>
    /// The traffic total of the current billing cycle. Held in memory only: after a monitor restart
    /// it is resumed from the last stored sample (<see cref="TrafficAccount.Resume"/>) on the first poll.
    /// </summary>
    public TrafficAccount? Traffic { get; set; }

    /// <summary>Whether the first poll has looked for a stored traffic total to resume.</summary>
    public bool TrafficResumed { get; set; }

    public void Dispose() => (Runner as IDisposable)?.Dispose();
}
