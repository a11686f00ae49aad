using ChatOpsWatch.Domain.Ports;

namespace ChatOpsWatch.Worker.Polling;

/// <summary>The info findings of every polled node, as each node's last committed poll left them (a snapshot, never the engine itself).</summary>
public sealed class RegistryFindings(NodeRegistry registry) : IFindingSource
{
    public IReadOnlyList<InfoFinding> Findings() =>
        [.. registry.Current().SelectMany(n => registry.TryGet(n.Name, out var runtime) ? runtime.Findings : [])
            .OrderBy(f => f.Since).ThenBy(f => f.Node, StringComparer.Ordinal)];
}
