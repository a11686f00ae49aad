namespace ChatOpsWatch.Domain.Storage;

/// <summary>One table's share of the file: its rows and its estimated bytes (see <see cref="StorageReport"/>).</summary>
public sealed record TableSize(string Name, long Rows, long Bytes);

/// <summary>One tier: its rows, the raw polls they hold (a rollup row holds many), its bytes and its oldest and newest row.</summary>
public sealed record TierSize(SampleTier Tier, long Rows, long Polls, long Bytes, DateTimeOffset? Oldest, DateTimeOffset? Newest);

/// <summary>
/// What <c>chatopswatch storage</c> and /storage print. Table and tier bytes are estimates: SQLite's page statistics (dbstat) are
/// not compiled into the bundled library, so a table's bytes are the used pages shared out in proportion to its rows'
/// stored bytes (blob plus key); the file size, the used and free pages are exact.
/// </summary>
public sealed record StorageReport(
    string Path,
    long FileBytes,
    long FreeBytes,
    bool IncrementalVacuum,
    IReadOnlyList<TableSize> Tables,
    IReadOnlyList<TierSize> Tiers,
    double ValuesPerPoll,
    long LegacyRows,
    RetentionOptions Retention)
{
    public TierSize Tier(SampleTier tier) => Tiers.First(t => t.Tier == tier);

    /// <summary>Bytes per raw poll, key and page share included; 0 without polls.</summary>
    public double BytesPerPoll => Tier(SampleTier.Raw) is { Rows: > 0 } raw ? (double)raw.Bytes / raw.Rows : 0;

    /// <summary>Bytes per stored raw value; 0 without polls.</summary>
    public double BytesPerValue => ValuesPerPoll > 0 ? BytesPerPoll / ValuesPerPoll : 0;
}
