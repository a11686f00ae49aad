namespace ChatOpsWatch.Domain.Time;

/// <summary>
/// How a retry loop waits after consecutive failures: <see cref="First"/> doubled per failure up to <see cref="Cap"/>,
/// spread by <see cref="Jitter"/> (0.5: ±25 %, as Polly's <c>RetryHelper.ApplyJitter</c>) so that loops failing together
/// do not retry together. The first <see cref="Immediate"/> failures in a row are retried at once (the SSH reconnect
/// after one broken session), and the doubling starts after them.
/// </summary>
public sealed record BackoffOptions(TimeSpan First, TimeSpan Cap, double Jitter = 0.5, int Immediate = 0)
{
    /// <summary>The wait after the <paramref name="failures"/>-th failure in a row, for a uniform draw <paramref name="unit"/> in [0, 1).</summary>
    public TimeSpan DelayAfter(int failures, double unit)
    {
        if (failures <= Immediate)
        {
            return TimeSpan.Zero;
        }

        var exponent = Math.Clamp(failures - 1 - Immediate, 0, 40);
        var centre = Math.Min(First.Ticks * Math.Pow(2, exponent), Cap.Ticks);
        var spread = centre * Jitter * (Math.Clamp(unit, 0, 1) - 0.5);
        return TimeSpan.FromTicks((long)Math.Clamp(centre + spread, 0, Cap.Ticks));
    }
}

/// <summary>
/// The one backoff of the retry loops (outbox delivery, the update poller, SSH reconnects, storage retries): counts failures in a row and
/// says until when to wait. Pure apart from the clock, which it reads only through <see cref="TimeProvider"/>; not thread-safe
/// (each loop owns its own). <paramref name="random"/> draws in [0, 1); null: <see cref="Random.Shared"/>.
/// </summary>
public sealed class Backoff(BackoffOptions options, TimeProvider time, Func<double>? random = null)
{
    private readonly Func<double> draw = random ?? Random.Shared.NextDouble;

    public BackoffOptions Options => options;

    /// <summary>Failures since the last success.</summary>
    public int Failures { get; private set; }

    /// <summary>When the next attempt may be made; <see cref="DateTimeOffset.MinValue"/> when not backing off.</summary>
    public DateTimeOffset RetryAt { get; private set; } = DateTimeOffset.MinValue;

    /// <summary>How long until <see cref="RetryAt"/>; zero when an attempt may be made now.</summary>
    public TimeSpan Remaining => RetryAt - time.GetUtcNow() is { Ticks: > 0 } left ? left : TimeSpan.Zero;

    /// <summary>Counts a failure; returns the wait before the next attempt (also in <see cref="RetryAt"/>).</summary>
    public TimeSpan Fail()
    {
        Failures++;
        var delay = options.DelayAfter(Failures, draw());
        RetryAt = time.GetUtcNow() + delay;
        return delay;
    }

    /// <summary>Ends the current wait early (the other side answers again) but keeps the count, so a relapse waits longer.</summary>
    public void ResumeNow() => RetryAt = DateTimeOffset.MinValue;

    /// <summary>Counts a success: the next failure starts again from <see cref="BackoffOptions.First"/>. True when it ended a failure streak.</summary>
    public bool Succeed()
    {
        var ended = Failures > 0;
        Failures = 0;
        RetryAt = DateTimeOffset.MinValue;
        return ended;
    }
}
