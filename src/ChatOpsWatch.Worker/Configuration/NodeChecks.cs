using ChatOpsWatch.Infrastructure.Http;

namespace ChatOpsWatch.Worker.Configuration;

/// <summary>
/// What the monitor measures towards one node itself, beside the SSH probe: TCP connect bursts to
/// <see cref="TcpPorts"/> only (the SSH port only when listed there: a connect to sshd costs the node a
/// forked pre-auth child and a log line), an ICMP burst where permitted, HTTP checks, and the node's plan
/// (expiry, traffic quota).
/// </summary>
public sealed record NodeChecks(
    IReadOnlyList<int> TcpPorts,
    int Burst,
    TimeSpan AttemptTimeout,
    bool Icmp,
    IReadOnlyList<HttpCheckSpec> Http,
    VpsPlan Plan)
{
    public const int DefaultBurst = 5;

    public static NodeChecks Default { get; } = new([], DefaultBurst, TimeSpan.FromSeconds(1), true, [], VpsPlan.None);

    // Value equality over the lists too: NodeRegistry compares configs to decide whether a reload changed a node.
    public bool Equals(NodeChecks? other) =>
        other is not null && TcpPorts.SequenceEqual(other.TcpPorts) && Burst == other.Burst && AttemptTimeout == other.AttemptTimeout
        && Icmp == other.Icmp && Http.SequenceEqual(other.Http) && Plan == other.Plan;

    public override int GetHashCode() => HashCode.Combine(TcpPorts.Count, Burst, AttemptTimeout, Icmp, Http.Count, Plan);
}

/// <summary>
/// A VPS plan: paid until <see cref="ExpiresOn"/> (reminded <see cref="ExpiryReminderDays"/> before),
/// with <see cref="TrafficQuotaGb"/> (10^9 bytes, in + out) per billing cycle starting on <see cref="BillingDay"/>.
/// </summary>
public sealed record VpsPlan(DateOnly? ExpiresOn, int ExpiryReminderDays, double? TrafficQuotaGb, int BillingDay)
{
    public static VpsPlan None { get; } = new(null, 14, null, 1);
}
