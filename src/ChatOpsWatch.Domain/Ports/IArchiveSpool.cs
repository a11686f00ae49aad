namespace ChatOpsWatch.Domain.Ports;

/// <summary>One spooled poll: its line protocol and what it weighs.</summary>
public sealed record SpoolRow(long Id, long QueuedAt, long Points, long Bytes, string Lines);

/// <summary>What the archive did so far and what waits in the spool.</summary>
public sealed record ArchiveCounters(long Written, long DroppedFull, long DroppedBad, long Rows, long Points, long Bytes);

/// <summary>
/// The InfluxDB archive's durable spool in the monitor's store (issue 14). Polls append to it in their own transaction
/// (the provider does that inside its monitor store); the archive loop reads the head in order and completes what
/// InfluxDB stored. Bounded: a poll that does not fit is dropped and counted, and a "full episode" lasts until the spool
/// drained to half its bound. The methods throw <see cref="StorageException"/> on IO failure; the properties never throw.
/// </summary>
public interface IArchiveSpool
{
    /// <summary>Bytes of line protocol spooled, as last counted; -1 before the first count.</summary>
    long Bytes { get; }

    /// <summary>When the current full episode began; null while the spool has room.</summary>
    DateTimeOffset? FullSince { get; }

    /// <summary>Points dropped since the current (or last) full episode began.</summary>
    long DroppedInEpisode { get; }

    /// <summary>The head of the spool in send order: rows until <paramref name="maxPoints"/> points (at least one row, if any).</summary>
    Task<IReadOnlyList<SpoolRow>> HeadAsync(int maxPoints, CancellationToken ct);

    /// <summary>Removes rows up to <paramref name="lastId"/> once InfluxDB stored (or refused as bad) their points, and counts them.</summary>
    Task CompleteAsync(long lastId, long bytes, int written, int bad, CancellationToken ct);

    /// <summary>True once, when a full episode ends (the spool drained to half its bound).</summary>
    bool TryEndEpisode();

    /// <summary>The archive's counters and the spool's size.</summary>
    Task<ArchiveCounters> CountersAsync(CancellationToken ct);
}
