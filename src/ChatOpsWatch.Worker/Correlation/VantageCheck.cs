using ChatOpsWatch.Domain.Correlation;
using ChatOpsWatch.Infrastructure.Ssh;
using ChatOpsWatch.Worker.Configuration;
using ChatOpsWatch.Worker.Polling;
using Microsoft.Extensions.Logging;

namespace ChatOpsWatch.Worker.Correlation;

/// <summary>
/// Asks a down node's configured vantage whether it reaches the node's SSH port, once per down episode (again while the
/// answer is Unknown). The vantage's own session is used as it is: never opened for this.
/// </summary>
public sealed class VantageCheck(NodeRegistry registry, ConfigHolder config, ILogger<VantageCheck> log)
{
    private readonly Dictionary<string, (VantageVerdict Verdict, string? Name, string? Target)> _verdicts = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public async Task<(VantageVerdict Verdict, string? Name, string? Target)> VerdictAsync(NodeConfig node, bool down, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(node);
        var current = config.Current;
        if (!down || node.Ssh is null || !current.Correlation.Vantages.TryGetValue(node.Name, out var vantage))
        {
            lock (_lock)
            {
                _verdicts.Remove(node.Name);
            }

            return (VantageVerdict.None, null, null);
        }

        lock (_lock)
        {
            if (_verdicts.TryGetValue(node.Name, out var known) && known.Verdict is VantageVerdict.Reachable or VantageVerdict.Unreachable)
            {
                return known;
            }
        }

        var target = $"{node.Ssh.Host}:{node.Ssh.Port}";
        var verdict = registry.TryGet(vantage, out var runtime) && runtime.Runner is SshNodeSession session
            ? await session.ReachAsync(node.Ssh.Host, node.Ssh.Port, current.Ssh.ConnectTimeout, ct)
            : VantageVerdict.Unknown;
        log.LogInformation("Node {Node} is down from here; its vantage {Vantage} says its SSH port {Target} is {Verdict}", node.Name, vantage, target, verdict);
        var result = (verdict, (string?)vantage, (string?)target);
        lock (_lock)
        {
            _verdicts[node.Name] = result;
        }

        return result;
    }
}
