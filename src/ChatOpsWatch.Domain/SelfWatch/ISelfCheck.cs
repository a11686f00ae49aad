namespace ChatOpsWatch.Domain.SelfWatch;

/// <summary>
/// What <c>chatopswatch health</c> reads of a running monitor's store, from another process: it never creates the store
/// nor migrates it. <see cref="WriteError"/> is null when a write committed (the store takes writes), else the reason;
/// the rest is read even when the write failed.
/// </summary>
public sealed record SelfCheckFacts(string? WriteError, Liveness? Liveness, int Unsent, DateTimeOffset? OldestUnsent);

/// <summary>The health verb's one read of the store.</summary>
public interface ISelfCheck
{
    /// <summary>
    /// Tries one small write at <paramref name="now"/>, then reads liveness and the outbox backlog. Throws
    /// <see cref="Ports.StorageException"/> when the store is missing or is not this monitor's.
    /// </summary>
    Task<SelfCheckFacts> ReadAsync(DateTimeOffset now, CancellationToken ct);
}
