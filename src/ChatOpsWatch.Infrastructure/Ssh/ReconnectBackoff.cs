namespace ChatOpsWatch.Infrastructure.Ssh;

/// <summary>
/// When to try a broken connection again: at once after the first break, then 2 s, 4 s, 8 s ...
/// up to a cap. Pure: the caller passes the time. A poll that falls inside the backoff reports the
/// node as failed without touching the network, so a dead node costs nothing but a counter.
/// </summary>
public sealed class ReconnectBackoff(TimeSpan cap)
{
    public int Failures { get; private set; }

    public DateTimeOffset NextAttempt { get; private set; } = DateTimeOffset.MinValue;

    public bool MayAttempt(DateTimeOffset now) => now >= NextAttempt;

    public void Failed(DateTimeOffset now)
    {
        Failures++;
        var seconds = Math.Min(cap.TotalSeconds, Math.Pow(2, Math.Min(Failures - 1, 20)));
        NextAttempt = Failures == 1 ? now : now + TimeSpan.FromSeconds(seconds);
    }

    public void Succeeded()
    {
        Failures = 0;
        NextAttempt = DateTimeOffset.MinValue;
    }
}
