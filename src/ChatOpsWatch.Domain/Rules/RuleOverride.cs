using ChatOpsWatch.Domain.Nodes;

namespace ChatOpsWatch.Domain.Rules;

/// <summary>What an override applies to: one node by name, or every node with a tag (provider, region, role).</summary>
public enum OverrideScope
{
    Node = 0,
    Provider = 1,
    Region = 2,
    Role = 3,
}

/// <summary>Which nodes an override applies to. Tag values compare case-insensitively, node names exactly.</summary>
public sealed record OverrideMatch(OverrideScope Scope, string Value)
{
    /// <summary>A node match beats any tag match.</summary>
    public int Specificity => Scope == OverrideScope.Node ? 2 : 1;

    public bool Matches(NodeInfo node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return Scope switch
        {
            OverrideScope.Node => string.Equals(node.Name, Value, StringComparison.Ordinal),
            OverrideScope.Provider => string.Equals(node.Provider, Value, StringComparison.OrdinalIgnoreCase),
            OverrideScope.Region => string.Equals(node.Region, Value, StringComparison.OrdinalIgnoreCase),
            _ => string.Equals(node.Role.ToString(), Value, StringComparison.OrdinalIgnoreCase),
        };
    }

    public override string ToString() => $"{Scope.ToString().ToLowerInvariant()}={Value}";
}

/// <summary>
/// Changes one rule for the nodes <see cref="Match"/> selects: its levels, its "for" (a duration, turned into samples at
/// the node's poll interval), or whether it applies at all. A null field keeps the value from less specific layers.
/// <see cref="Index"/> is the override's place in the configuration, which orders overrides of equal specificity.
/// </summary>
public sealed record RuleOverride(
    OverrideMatch Match,
    string Rule,
    double? Warning = null,
    double? Critical = null,
    TimeSpan? For = null,
    bool? Enabled = null,
    int Index = 0);
