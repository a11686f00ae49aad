using System.Text.Json;
using ChatOpsWatch.Domain.Commands;
using Dapper;

namespace ChatOpsWatch.Infrastructure.Storage;

/// <summary>
/// Series for charts, read from the samples table. A value is pulled out of each row's JSON by SQLite itself
/// (json_extract with the path as a parameter), so 7 days of 30 s polls never become 20,000 parsed objects here.
/// The key in the path must be a stored one (the caller resolves it), and one with a double quote is refused.
/// </summary>
public sealed class SqliteSeriesReader(SqliteDatabase db) : ISeriesReader
{
    public Task<IReadOnlySet<string>> SeriesAsync(string node, DateTimeOffset since, CancellationToken ct) =>
        db.RunAsync<IReadOnlySet<string>>(
            "reading a node's series names",
            async c =>
            {
                var rows = await c.QueryAsync<string>(new CommandDefinition(
                    """
                    SELECT metrics FROM (SELECT metrics FROM samples WHERE node = @node ORDER BY at DESC LIMIT 1)
                    UNION ALL
                    SELECT metrics FROM (SELECT metrics FROM samples WHERE node = @node AND at >= @since ORDER BY at LIMIT 1);
                    """,
                    new { node, since = UnixMs.Of(since) },
                    cancellationToken: ct));
                var keys = new HashSet<string>(StringComparer.Ordinal);
                foreach (var json in rows)
                {
                    using var doc = JsonDocument.Parse(json);
                    keys.UnionWith(doc.RootElement.EnumerateObject().Select(p => p.Name));
                }

                return keys;
            },
            ct);

    public Task<IReadOnlyList<SeriesPoint>> ReadAsync(string node, string series, DateTimeOffset since, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(series);
        if (series.Contains('"', StringComparison.Ordinal))
        {
            throw new ArgumentException("A series key with a double quote cannot be read.", nameof(series));
        }

        return db.RunAsync<IReadOnlyList<SeriesPoint>>(
            $"reading {series} of {node}",
            async c =>
            {
                var rows = await c.QueryAsync<PointRow>(new CommandDefinition(
                    """
                    SELECT at AS At, CAST(v AS REAL) AS Value FROM (
                        SELECT at, json_extract(metrics, @path) AS v FROM samples WHERE node = @node AND at >= @since)
                    WHERE v IS NOT NULL ORDER BY at;
                    """,
                    new { node, since = UnixMs.Of(since), path = $"$.\"{series}\"" },
                    cancellationToken: ct));
                return [.. rows.Select(r => new SeriesPoint(UnixMs.At(r.At), r.Value))];
            },
            ct);
    }

    private sealed record PointRow
    {
        public long At { get; init; }

        public double Value { get; init; }
    }
}
