namespace ChatOpsWatch.Domain.Correlation;

/// <summary>
/// When node-down alerts become one group incident. A provider or region outage is declared when at least
/// <see cref="MinNodes"/> of its nodes, or <see cref="MinPercent"/> % of them (whichever is fewer, but never fewer
/// than 2), went down within <see cref="Window"/>. A per-node "down" waits up to <see cref="Hold"/> while other nodes
/// of its region or provider are down or failing too, so that nodes failing at different instants still form one
/// group; a lone down is sent at once. <see cref="Hold"/> 0 sends every down at once (and groups only what failed together).
/// </summary>
public sealed record CorrelationOptions(TimeSpan Window, int MinNodes, double MinPercent, TimeSpan Hold)
{
    /// <summary>
    /// The hold applies only while a down node's neighbours are failing too (a lone down goes at once), and heartbeats
    /// find a dead link within seconds, so 30 s gathers a whole region's downs into one message.
    /// </summary>
    public static TimeSpan DefaultHold { get; } = TimeSpan.FromSeconds(30);

    public static CorrelationOptions Default { get; } = new(TimeSpan.FromMinutes(2), 3, 50, DefaultHold);

    /// <summary>
    /// How long even a lone down waits (never longer than <see cref="Hold"/>): neighbours failing in the same second get
    /// the time to show it, and a blip shorter than this (a node whose sshd restarts, one that comes back with a
    /// changed host key) is never announced as down.
    /// </summary>
    public TimeSpan Settle => Hold < DefaultSettle ? Hold : DefaultSettle;

    public static TimeSpan DefaultSettle { get; } = TimeSpan.FromSeconds(3);

    /// <summary>How many of <paramref name="groupSize"/> nodes make an outage; int.MaxValue when a group is too small to have one.</summary>
    public int Threshold(int groupSize)
    {
        if (groupSize < 2)
        {
            return int.MaxValue;
        }

        var byPercent = (int)Math.Ceiling(MinPercent / 100 * groupSize);
        return Math.Max(2, Math.Min(MinNodes, byPercent));
    }

    /// <summary>Every problem, as (field, message) pairs; empty when valid.</summary>
    public IEnumerable<(string Field, string Message)> Problems()
    {
        if (Window <= TimeSpan.Zero)
        {
            yield return (nameof(Window), $"must be positive, got {Window}");
        }

        if (MinNodes < 2)
        {
            yield return (nameof(MinNodes), $"must be 2 or more nodes, got {MinNodes}");
        }

        if (MinPercent is <= 0 or > 100)
        {
            yield return (nameof(MinPercent), $"must be more than 0 and at most 100, got {MinPercent}");
        }

        if (Hold < TimeSpan.Zero || Hold > Window)
        {
            yield return (nameof(Hold), $"must be from 0 to Window ({Window}), got {Hold}");
        }
    }
}
