namespace ChatOpsWatch.Domain.Correlation;

/// <summary>Where a down node's news stands.</summary>
public enum DownStatus
{
    /// <summary>Down, its message held back for <see cref="CorrelationOptions.Hold"/> so a group can form.</summary>
    Held = 0,

    /// <summary>Announced on its own; its recovery will be announced too.</summary>
    Sent = 1,

    /// <summary>Folded into a group incident, which speaks for it.</summary>
    Grouped = 2,

    /// <summary>Went down while the monitor itself was isolated: never announced, so never resolved.</summary>
    Isolated = 3,

    /// <summary>A member of an outage that answers again; told inside the outage unless the whole group is back within the hold.</summary>
    Recovered = 4,
}

/// <summary>
/// A node the correlator knows to be down, since <see cref="Since"/> (when the correlator first saw it down).
/// <see cref="PathProblem"/>: it was announced as a path problem (its vantage reached it), so its return is quiet too.
/// <see cref="Announced"/>: its own "down" incident was sent before an outage took it in, so that incident is closed
/// (quietly, the outage tells the news) when the node leaves the outage.
/// </summary>
public sealed record TrackedDown(string Node, DateTimeOffset Since, DownStatus Status, string? Group = null, bool PathProblem = false, bool Announced = false);

/// <summary>
/// One open group outage: the nodes tagged <see cref="Tag"/>=<see cref="Value"/> (provider or region), <see cref="Size"/>
/// of them configured when it opened; <see cref="Members"/> every node folded in so far.
/// </summary>
public sealed record GroupIncident(string Tag, string Value, DateTimeOffset OpenedAt, int Size, IReadOnlyList<string> Members)
{
    public string Key => KeyOf(Tag, Value);

    public static string KeyOf(string tag, string value) => tag + "=" + value;
}

/// <summary>
/// Everything the correlator must remember across a restart: which downs were held, sent or folded, the open group
/// incidents, and since when the monitor has been isolated (null: it is not).
/// </summary>
public sealed record CorrelationState(IReadOnlyDictionary<string, TrackedDown> Down, IReadOnlyList<GroupIncident> Groups, DateTimeOffset? IsolatedSince)
{
    public static CorrelationState Empty { get; } = new(new Dictionary<string, TrackedDown>(StringComparer.Ordinal), [], null);
}
