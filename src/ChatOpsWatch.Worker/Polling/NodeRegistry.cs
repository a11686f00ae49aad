using ChatOpsWatch.Worker.Configuration;

namespace ChatOpsWatch.Worker.Polling;

/// <summary>The nodes being polled now. Applying a new configuration says what to (un)schedule.</summary>
public sealed class NodeRegistry(IProbeRunnerFactory runners) : IDisposable
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, NodeRuntime> _nodes = new(StringComparer.Ordinal);

    public sealed record Changes(IReadOnlyList<NodeConfig> Added, IReadOnlyList<string> Removed, IReadOnlyList<NodeConfig> Changed);

    public bool TryGet(string name, out NodeRuntime runtime)
    {
        lock (_lock)
        {
            return _nodes.TryGetValue(name, out runtime!);
        }
    }

    public IReadOnlyList<NodeConfig> Current()
    {
        lock (_lock)
        {
            return [.. _nodes.Values.Select(n => n.Config)];
        }
    }

    public Changes Apply(IReadOnlyList<NodeConfig> wanted)
    {
        var added = new List<NodeConfig>();
        var changed = new List<NodeConfig>();
        var removed = new List<string>();
        lock (_lock)
        {
            foreach (var name in _nodes.Keys.Except(wanted.Select(n => n.Name)).ToList())
            {
                _nodes.Remove(name, out var gone);
                gone!.Dispose();
                removed.Add(name);
            }

            foreach (var node in wanted)
            {
                if (_nodes.TryGetValue(node.Name, out var existing))
                {
                    if (existing.Config == node)
                    {
                        continue;
                    }

                    // A changed address or credential needs a new session; alert state survives in the store.
                    existing.Dispose();
                    changed.Add(node);
                }
                else
                {
                    added.Add(node);
                }

                _nodes[node.Name] = new NodeRuntime(node, runners.Create(node));
            }
        }

        return new Changes(added, removed, changed);
    }

    public void Dispose()
    {
        lock (_lock)
        {
            foreach (var node in _nodes.Values)
            {
                node.Dispose();
            }

            _nodes.Clear();
        }
    }
}
