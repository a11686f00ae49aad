using System.Net;
using System.Net.Sockets;
using ChatOpsWatch.Domain.Network;

namespace ChatOpsWatch.Infrastructure.Network;

/// <summary>What to measure towards one node from the monitor.</summary>
public sealed record NetworkCheckSpec(string Host, IReadOnlyList<int> Ports, int Burst, TimeSpan AttemptTimeout, bool Icmp);

/// <summary>
/// The values measured, the addresses the host resolved to (null when resolution failed), and why
/// ICMP was not used (null when it was, or was not asked for).
/// </summary>
public sealed record NetworkCheckResult(IReadOnlyDictionary<string, double> Values, IReadOnlyList<string>? Addresses, string? IcmpFallback, string? DnsError);

/// <summary>
/// Resolves the node's host, then sends a TCP connect burst to every port and, where the process
/// may, an ICMP echo burst, all bursts side by side. Never throws for network problems.
/// </summary>
public sealed class NetworkChecker(IEchoProber icmp, Func<int, IEchoProber> tcp)
{
    public static NetworkChecker Create(TimeProvider time) => new(new IcmpProber(), port => new TcpConnectProber(port, time));

    public async Task<NetworkCheckResult> RunAsync(NetworkCheckSpec spec, CancellationToken ct)
    {
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        IPAddress[] resolved;
        try
        {
            resolved = await Dns.GetHostAddressesAsync(spec.Host, ct);
        }
        catch (SocketException ex)
        {
            values[NetworkMetrics.DnsResolved] = 0;
            return new NetworkCheckResult(values, null, null, ex.Message);
        }

        values[NetworkMetrics.DnsResolved] = resolved.Length > 0 ? 1 : 0;
        var addresses = resolved.Select(a => a.ToString()).Order(StringComparer.Ordinal).ToList();
        var target = resolved.OrderBy(a => a.AddressFamily == AddressFamily.InterNetwork ? 0 : 1).FirstOrDefault();
        if (target is null)
        {
            return new NetworkCheckResult(values, addresses, null, "no addresses");
        }

        var tcpBursts = spec.Ports.Distinct().Select(async port =>
            (Port: port, Burst: await BurstProbe.RunAsync(tcp(port), target, spec.Burst, spec.AttemptTimeout, ct))).ToList();
        var icmpBurst = spec.Icmp ? BurstProbe.RunAsync(icmp, target, spec.Burst, spec.AttemptTimeout, ct) : null;
        foreach (var (port, burst) in await Task.WhenAll(tcpBursts))
        {
            Add(values, NetworkMetrics.Tcp(port, burst.Stats));
        }

        string? fallback = null;
        if (icmpBurst is not null)
        {
            var burst = await icmpBurst;
            fallback = burst.NotPermitted;
            values[NetworkMetrics.IcmpPermitted] = fallback is null ? 1 : 0;
            if (fallback is null)
            {
                Add(values, NetworkMetrics.Icmp(burst.Stats));
            }
        }

        return new NetworkCheckResult(values, addresses, fallback, null);
    }

    private static void Add(Dictionary<string, double> values, IEnumerable<KeyValuePair<string, double>> more)
    {
        foreach (var (k, v) in more)
        {
            values[k] = v;
        }
    }
}
