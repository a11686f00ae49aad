using System.Globalization;
using ChatOpsWatch.Domain.Samples;

namespace ChatOpsWatch.Domain.Network;

/// <summary>Stable names of the indicators measured from the monitor, and the keys they are stored under.</summary>
public static class NetworkMetrics
{
    /// <summary>TCP connect time in ms. Labels: port, stat=min|avg|max|jitter.</summary>
    public const string TcpConnectMs = "net.tcp_connect_ms";

    /// <summary>Percent of probes of a burst that got no answer. Labels: method=tcp (with port) or method=icmp.</summary>
    public const string LossPct = "net.loss_pct";

    /// <summary>1 when at least one connect of the burst completed, else 0 (refused or lost). Label: port.</summary>
    public const string TcpOpen = "net.tcp_open";

    /// <summary>ICMP echo round trip in ms. Label: stat=min|avg|max|jitter.</summary>
    public const string IcmpRttMs = "net.icmp_rtt_ms";

    /// <summary>
    /// Round trip of the SSH heartbeats sent on the open session since the last poll, in ms. Label: stat=min|avg|max|jitter.
    /// The node pays nothing for it: sshd answers from its connection process (no fork, no log line).
    /// </summary>
    public const string SshRttMs = "net.ssh_rtt_ms";

    /// <summary>1 when ICMP echo could be sent and net.loss_pct{method=icmp} is present; 0 when it fell back to TCP.</summary>
    public const string IcmpPermitted = "net.icmp_permitted";

    /// <summary>
    /// 1 on the poll where the node's Host resolved to a different address set than on the last
    /// committed poll, else 0. Limitation: this is what the monitor's resolver says, not the address
    /// the node itself sees. A Host written as an IP never changes; a NAT'd node, a changed
    /// address with a stale DNS record, or a resolver cache (TTL) hides or delays the change.
    /// </summary>
    public const string IpChanged = "node.ip_changed";

    /// <summary>1 when the node's Host resolved this poll, 0 when resolution failed.</summary>
    public const string DnsResolved = "node.dns_resolved";

    /// <summary>
    /// One port's burst. A port that refused every connect has no loss figure (issue 12: "loss 0" read as a healthy
    /// link while nothing listened): net.tcp_open 0 says it, and the loss is left out, never shown as zero.
    /// </summary>
    public static IEnumerable<KeyValuePair<string, double>> Tcp(int port, BurstStats stats)
    {
        ArgumentNullException.ThrowIfNull(stats);
        var p = port.ToString(CultureInfo.InvariantCulture);
        if (stats.Replies > 0 || stats.Refused < stats.Sent)
        {
            yield return new(MetricKey.Format(LossPct, ("method", "tcp"), ("port", p)), stats.LossPct);
        }

        yield return new(MetricKey.Format(TcpOpen, ("port", p)), stats.Replies > 0 ? 1 : 0);
        foreach (var (stat, value) in Stats(stats))
        {
            yield return new(MetricKey.Format(TcpConnectMs, ("port", p), ("stat", stat)), value);
        }
    }

    public static IEnumerable<KeyValuePair<string, double>> Icmp(BurstStats stats)
    {
        yield return new(MetricKey.Format(LossPct, ("method", "icmp")), stats.LossPct);
        foreach (var (stat, value) in Stats(stats))
        {
            yield return new(MetricKey.Format(IcmpRttMs, ("stat", stat)), value);
        }
    }

    /// <summary>The heartbeats since the last poll: net.loss_pct{method=ssh} (unanswered within the timeout) and net.ssh_rtt_ms.</summary>
    public static IEnumerable<KeyValuePair<string, double>> Ssh(BurstStats stats)
    {
        ArgumentNullException.ThrowIfNull(stats);
        if (stats.Sent == 0)
        {
            yield break;
        }

        yield return new(MetricKey.Format(LossPct, ("method", "ssh")), stats.LossPct);
        foreach (var (stat, value) in Stats(stats))
        {
            yield return new(MetricKey.Format(SshRttMs, ("stat", stat)), value);
        }
    }

    private static IEnumerable<(string Stat, double Value)> Stats(BurstStats s)
    {
        if (s.MinMs is { } min && s.AvgMs is { } avg && s.MaxMs is { } max && s.JitterMs is { } jitter)
        {
            yield return ("min", min);
            yield return ("avg", avg);
            yield return ("max", max);
            yield return ("jitter", jitter);
        }
    }
}
