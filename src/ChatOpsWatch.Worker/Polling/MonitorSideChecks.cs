using ChatOpsWatch.Domain.Network;
using ChatOpsWatch.Infrastructure.Http;
using ChatOpsWatch.Infrastructure.Network;
using ChatOpsWatch.Worker.Configuration;
using Microsoft.Extensions.Logging;

namespace ChatOpsWatch.Worker.Polling;

/// <summary>What the monitor measured itself during one poll, and the addresses the node's Host resolved to.</summary>
public sealed record MonitorSideResult(IReadOnlyDictionary<string, double> Values, IReadOnlyList<string>? Addresses)
{
    public static MonitorSideResult Empty { get; } = new(new Dictionary<string, double>(), null);
}

/// <summary>
/// Runs a node's network bursts and HTTP checks, all side by side and within the SSH probe
/// deadline, so the poll never takes longer than the SSH probe is allowed to. Never throws except
/// for <c>ct</c>; every failure is a metric, and its reason is logged.
/// </summary>
public sealed class MonitorSideChecks(NetworkChecker network, HttpChecker http, ConfigHolder config, ILogger<MonitorSideChecks> log)
{
    public async Task<MonitorSideResult> RunAsync(NodeConfig node, CancellationToken ct)
    {
        var checks = node.Checks ?? NodeChecks.Default;
        var deadline = config.Current.Ssh.ProbeDeadline;
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(ct);
        budget.CancelAfter(deadline);

        // Connect bursts go to the configured ports only, never to the SSH port by default: every connect
        // there makes sshd fork a pre-auth child (about 18 ms of node CPU) and log
        // "kex_exchange_identification: Connection closed" (issue 10). An operator who wants them lists the port.
        var net = node.Ssh is { } ssh
            ? RunNetworkAsync(node.Name, new NetworkCheckSpec(ssh.Host, checks.TcpPorts, checks.Burst, checks.AttemptTimeout, checks.Icmp), budget.Token)
            : Task.FromResult<NetworkCheckResult?>(null);
        var httpRuns = checks.Http
            .Select(spec => http.CheckAsync(spec.Timeout > deadline ? spec with { Timeout = deadline } : spec, ct))
            .ToList();

        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        var netResult = await net;
        foreach (var (k, v) in netResult?.Values ?? new Dictionary<string, double>())
        {
            values[k] = v;
        }

        foreach (var result in await Task.WhenAll(httpRuns))
        {
            if (result.Error is not null)
            {
                log.LogWarning("Node {Node}: HTTP check {Check} {Outcome}: {Error}", node.Name, result.Name, result.Outcome, result.Error);
            }

            foreach (var (k, v) in HttpMetrics.Of(result))
            {
                values[k] = v;
            }
        }

        return new MonitorSideResult(values, netResult?.Addresses);
    }

    private async Task<NetworkCheckResult?> RunNetworkAsync(string node, NetworkCheckSpec spec, CancellationToken budget)
    {
        try
        {
            var result = await network.RunAsync(spec, budget);
            if (result.DnsError is not null)
            {
                log.LogWarning("Node {Node}: cannot resolve {Host}: {Error}", node, spec.Host, result.DnsError);
            }

            if (result.IcmpFallback is not null)
            {
                log.LogDebug("Node {Node}: ICMP not permitted ({Reason}); loss is measured only by connects to Checks:TcpPorts, if any", node, result.IcmpFallback);
            }

            return result;
        }
        catch (OperationCanceledException) when (budget.IsCancellationRequested)
        {
            // DNS did not answer within the probe deadline.
            log.LogWarning("Node {Node}: resolving {Host} took longer than the probe deadline", node, spec.Host);
            return new NetworkCheckResult(new Dictionary<string, double> { [NetworkMetrics.DnsResolved] = 0 }, null, null, "timeout");
        }
    }
}
