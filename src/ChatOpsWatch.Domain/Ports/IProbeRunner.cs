namespace ChatOpsWatch.Domain.Ports;

/// <summary>
/// Runs the probe on one node and returns its raw output. Never throws for node problems
/// (unreachable, refused, timed out, host key changed): those come back as a <see cref="ProbeRun"/>.
/// Returns within the configured deadline even when the node or the network hangs.
/// </summary>
public interface IProbeRunner
{
    Task<ProbeRun> RunAsync(CancellationToken ct);
}

public abstract record ProbeRun
{
    public sealed record Output(string Stdout, TimeSpan Elapsed) : ProbeRun
    {
        /// <summary>When the monitor had the whole output; null: when the runner returned.</summary>
        public DateTimeOffset? Received { get; init; }

        /// <summary>
        /// The link's round trip to the node, measured on the same session near this poll; null where there is no link
        /// (the local node). The probe reads the node's clock last, so the clock was read half a round trip before
        /// <see cref="Received"/> (NTP's midpoint).
        /// </summary>
        public TimeSpan? RoundTrip { get; init; }

        /// <summary>The monitor's time at which the node's clock line was written, as well as it can be told.</summary>
        public DateTimeOffset ClockReference(DateTimeOffset fallback) => (Received ?? fallback) - ((RoundTrip ?? TimeSpan.Zero) / 2);
    }

    /// <summary>
    /// The node did not answer. <paramref name="Confirmed"/>: the loss is confirmed (a heartbeat or a probe failed on the
    /// open session and a fresh connect right after failed too), so the node is down now, not after more failed polls.
    /// </summary>
    public sealed record Failure(string Error, bool Confirmed = false) : ProbeRun;

    /// <summary>The node presented an unpinned host key; nothing was authenticated or run.</summary>
    public sealed record HostKeyRejected(string Presented, string Pinned) : ProbeRun;

    /// <summary>
    /// The node answered, but offers only SSH algorithms we refuse (legacy SHA-1, CBC, or ones we never support):
    /// nothing was authenticated or run. Not a network loss. <paramref name="Refusal"/> says why in each language
    /// (<see cref="Alerts.SshRefusalText"/>); the node text in it is sanitised.
    /// </summary>
    public sealed record CryptoRefused(Text.TextEntry Refusal) : ProbeRun;
}
