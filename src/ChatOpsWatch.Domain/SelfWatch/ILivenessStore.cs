namespace ChatOpsWatch.Domain.SelfWatch;

/// <summary>
/// The monitor's one liveness record (issue 13), which <c>chatopswatch health</c> reads from another process, and the
/// outbox figures the monitor's own metrics show. Throws <see cref="Ports.StorageException"/> on IO failure.
/// </summary>
public interface ILivenessStore
{
    /// <summary>Replaces the liveness record with <paramref name="liveness"/>.</summary>
    Task WriteAsync(Liveness liveness, CancellationToken ct);

    /// <summary>The unsent messages and the creation time of the oldest (null: none).</summary>
    Task<(int Unsent, DateTimeOffset? Oldest)> OutboxAsync(CancellationToken ct);
}
