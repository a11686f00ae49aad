namespace ChatOpsWatch.Domain.Storage;

/// <summary>The store's size by table and by tier (issue 14), for <c>chatopswatch storage</c>, /storage and the metrics.</summary>
public interface IStorageStats
{
    /// <summary>
    /// Counts every row (seconds on a fleet's store) and only reads; never creates nor migrates the store. Throws
    /// <see cref="Ports.StorageException"/> when the store does not exist or cannot be read.
    /// </summary>
    Task<StorageReport> ReadAsync(CancellationToken ct);

    /// <summary>The bytes the store takes now, cheaply (no scan); 0 when it cannot be told. Never throws.</summary>
    long SizeBytes();
}
