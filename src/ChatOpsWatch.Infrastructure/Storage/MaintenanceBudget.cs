namespace ChatOpsWatch.Infrastructure.Storage;

/// <summary>
/// How long one maintenance write transaction may hold the write lock (issue 14: a poll never waits more than 50 ms
/// on maintenance). A step checks <see cref="Spent"/> after each unit of work (a rollup row, a DELETE of one node's
/// rows, an <c>incremental_vacuum</c>) and commits what it did. The budget is also spent as soon as a poll commit waits
/// for the turn (<see cref="WriteTurns.PollWaiting"/>): the polls go first, so a poll that asks during a step waits
/// for one unit of work and the commit, not for the rest of the budget. Time is the TimeProvider's timestamp, so tests
/// drive it with a fake clock.
/// </summary>
public sealed class MaintenanceBudget(TimeSpan perStep, TimeProvider time, WriteTurns turns)
{
    /// <summary>What the monitor uses: 20 ms, so a poll's commit behind one step still lands well inside 50 ms.</summary>
    public static readonly TimeSpan Default = TimeSpan.FromMilliseconds(20);

    public TimeSpan PerStep => perStep;

    public long Start() => time.GetTimestamp();

    public bool Spent(long started) => turns.PollWaiting || time.GetElapsedTime(started) >= perStep;
}
