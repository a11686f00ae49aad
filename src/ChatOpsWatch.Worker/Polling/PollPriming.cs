namespace ChatOpsWatch.Worker.Polling;

/// <summary>
/// A node's first poll probes twice, <see cref="Gap"/> apart, so its first sample has CPU and rates (deltas of the
/// node's counters) instead of "?" until the next interval. Production waits <see cref="Default"/>: long enough for
/// /proc/stat's 100 Hz ticks to give a steady figure, short enough to add nothing noticeable to the first poll.
/// </summary>
public sealed record PollPriming(TimeSpan Gap)
{
    public static PollPriming Default { get; } = new(TimeSpan.FromSeconds(2));
}
