namespace ChatOpsWatch.Domain.Nodes;

/// <summary>What the domain knows of a node: its identity and tags, never its credentials.</summary>
public sealed record NodeInfo(string Name, string Provider, string Region, NodeRole Role, TimeSpan Interval)
{
    public static readonly TimeSpan CoreInterval = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan EdgeInterval = TimeSpan.FromMinutes(5);

    /// <summary>The node may negotiate legacy SSH algorithms (SHA-1, CBC): shown in /node and the daily report.</summary>
    public bool LegacySshAllowed { get; init; }

    public static TimeSpan DefaultInterval(NodeRole role) => role == NodeRole.Edge ? EdgeInterval : CoreInterval;

    /// <summary>Tags as "key=value" pairs, for messages and matchers.</summary>
    public string TagLine => $"{Provider}/{Region}/{Role.ToString().ToLowerInvariant()}";
}
