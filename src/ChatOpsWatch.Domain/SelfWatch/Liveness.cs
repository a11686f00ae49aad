namespace ChatOpsWatch.Domain.SelfWatch;

/// <summary>
/// What a running monitor records about itself, so that another process (<c>chatopswatch health</c>) can judge it.
/// <see cref="Interval"/> is the shortest poll interval of the nodes it polls (zero: none configured);
/// <see cref="BeatEvery"/> how often this record is rewritten, so a reader allows for one beat of staleness.
/// </summary>
public sealed record Liveness(
    DateTimeOffset StartedAt,
    DateTimeOffset BeatAt,
    DateTimeOffset? LastFiredAt,
    DateTimeOffset? LastCompletedAt,
    TimeSpan Interval,
    int Nodes,
    TimeSpan BeatEvery)
{
    /// <summary>The beat period for a poll interval: half of it, from 1 s to 15 s.</summary>
    public static TimeSpan BeatFor(TimeSpan interval) =>
        interval <= TimeSpan.Zero ? TimeSpan.FromSeconds(15) : TimeSpan.FromTicks(Math.Clamp(interval.Ticks / 2, TimeSpan.TicksPerSecond, 15 * TimeSpan.TicksPerSecond));
}
