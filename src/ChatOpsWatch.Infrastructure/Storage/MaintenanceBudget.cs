namespace ChatOpsWatch.Infrastructure.Storage;

/// <summary>
/// How long one maintenance write transaction may hold the write lock (issue 14: a poll never waits more than 50 ms
/// on maintenance). A step checks <see cref="Spent"/> after each unit of work and commits what it did; time is the
/// TimeProvider's timestamp, so tests drive it with a fake clock.
/// </summary>
public sealed class MaintenanceBudget(TimeSpan perStep, TimeProvider time)
{
    /// <summary>What the monitor uses: 20 ms, so a poll's commit behind one step still lands well inside 50 ms.</summary>
    public static readonly TimeSpan Default = TimeSpan.FromMilliseconds(20);

    public TimeSpan PerStep => perStep;

    public long Start() => time.GetTimestamp();

    public bool Spent(long started) => time.GetElapsedTime(started) >= perStep;
}
