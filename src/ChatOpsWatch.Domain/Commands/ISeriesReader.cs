namespace ChatOpsWatch.Domain.Commands;

/// <summary>
/// Reads stored samples for charts. Both methods throw <see cref="Ports.StorageException"/> when the store cannot be
/// read; an unknown node or series is not an error but an empty answer.
/// </summary>
public interface ISeriesReader
{
    /// <summary>The series keys the node stored in its newest sample and in its oldest one since <paramref name="since"/>.</summary>
    Task<IReadOnlySet<string>> SeriesAsync(string node, DateTimeOffset since, CancellationToken ct);

    /// <summary>
    /// The values of one stored series key since <paramref name="since"/>, oldest first; polls without it are left out.
    /// <paramref name="tier"/> says how fine: raw polls, or rollups (each bucket as its low, high and last value) with
    /// the finer tiers after them up to the latest poll.
    /// </summary>
    Task<IReadOnlyList<SeriesPoint>> ReadAsync(string node, string series, DateTimeOffset since, Storage.SampleTier tier, CancellationToken ct);
}
