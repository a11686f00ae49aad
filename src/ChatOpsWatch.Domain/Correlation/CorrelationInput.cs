using ChatOpsWatch.Domain.Nodes;

namespace ChatOpsWatch.Domain.Correlation;

/// <summary>What a second vantage said about a suspect node's SSH port.</summary>
public enum VantageVerdict
{
    /// <summary>No vantage configured, or not asked yet.</summary>
    None = 0,

    /// <summary>The vantage connected to the suspect's SSH port: the node is up, the path from the monitor is broken.</summary>
    Reachable = 1,

    /// <summary>The vantage could not connect either.</summary>
    Unreachable = 2,

    /// <summary>The vantage itself had no session to ask through.</summary>
    Unknown = 3,
}

/// <summary>
/// The latest word on one node: is its reachability alert firing (<see cref="Down"/>), after how many failed polls,
/// the last error, and what its vantage (if any) said. <see cref="Suspect"/>: not down, but something failed that
/// no poll has confirmed or cleared yet (an unanswered heartbeat, a failed poll): a neighbour's down waits for it.
/// <see cref="DownSince"/>: when its reachability alert started firing, the episode that acknowledgements name.
/// </summary>
public sealed record NodeReport(
    NodeInfo Node,
    bool Down,
    int Failures,
    string? Error,
    VantageVerdict Vantage = VantageVerdict.None,
    string? VantageName = null,
    string? Target = null,
    bool Suspect = false,
    DateTimeOffset? DownSince = null)
{
    /// <summary>Failing but not (yet) down: it may be about to join a neighbour's outage.</summary>
    public bool Failing => !Down && (Suspect || Failures > 0);
}

/// <summary>The last check of the monitor's canaries. <see cref="CheckedAt"/> null: not checked yet.</summary>
public sealed record CanaryStatus(IReadOnlyList<string> Targets, IReadOnlyList<string> Failed, DateTimeOffset? CheckedAt)
{
    public static CanaryStatus None { get; } = new([], [], null);

    public bool AllFailed => Targets.Count > 0 && CheckedAt is not null && Failed.Count >= Targets.Count;

    /// <summary>Checked, and at least one answered (or none are configured, so nothing says otherwise).</summary>
    public bool Healthy => Targets.Count == 0 || (CheckedAt is not null && Failed.Count < Targets.Count);
}

/// <summary>One step's view of the world: the configured fleet, the latest report per node (a node not polled yet has none), and the canaries.</summary>
public sealed record CorrelationInput(IReadOnlyList<NodeInfo> Fleet, IReadOnlyDictionary<string, NodeReport> Reports, CanaryStatus Canaries);
