namespace ChatOpsWatch.Worker.SelfWatch;

/// <summary>
/// The scheduler's last fire and last finished poll, in memory, as the poll jobs report them. Read by the liveness
/// record (for <c>chatopswatch health</c>) and the "monitoring stalled" watch. <see cref="Paused"/> is a test seam:
/// while set, poll jobs fire but skip their poll, as a scheduler stuck on its thread pool would.
/// </summary>
public sealed class SchedulerPulse(TimeProvider time)
{
    private long _firedMs = long.MinValue;
    private long _completedMs = long.MinValue;

    public DateTimeOffset StartedAt { get; } = time.GetUtcNow();

    public DateTimeOffset? LastFiredAt => At(Interlocked.Read(ref _firedMs));

    public DateTimeOffset? LastCompletedAt => At(Interlocked.Read(ref _completedMs));

    private volatile bool _paused;

    public bool Paused { get => _paused; set => _paused = value; }

    public void Fired() => Interlocked.Exchange(ref _firedMs, time.GetUtcNow().ToUnixTimeMilliseconds());

    public void Completed() => Interlocked.Exchange(ref _completedMs, time.GetUtcNow().ToUnixTimeMilliseconds());

    private static DateTimeOffset? At(long ms) => ms == long.MinValue ? null : DateTimeOffset.FromUnixTimeMilliseconds(ms);
}
