using ChatOpsWatch.Infrastructure.Storage.Compact;
using Dapper;
using Microsoft.Data.Sqlite;

namespace ChatOpsWatch.Infrastructure.Storage;

/// <summary>
/// Converts the JSON rows of <c>samples</c> (schema v1 to v13) into <c>points</c> (v14), oldest id first, in batches
/// of <see cref="Batch"/> rows that each commit on their own: a batch inserts its points and deletes its JSON rows in
/// one transaction, so a conversion killed at any moment resumes at the next open with nothing lost or doubled.
/// </summary>
internal static class SqliteLegacySamples
{
    public const int Batch = 2_000;

    /// <summary>Converts every remaining row; returns how many were converted.</summary>
    public static long ConvertAll(SqliteConnection c, SeriesDictionary series)
    {
        long total = 0;
        int done;
        while ((done = ConvertBatch(c, series, Batch)) > 0)
        {
            total += done;
        }

        return total;
    }

    public static int ConvertBatch(SqliteConnection c, SeriesDictionary series, int batch)
    {
        using var tx = c.BeginTransaction();
        var rows = c.Query<(long Id, string Node, long At, string Metrics)>(
            "SELECT id, node, at, metrics FROM samples ORDER BY id LIMIT @batch;", new { batch }, tx).ToList();
        if (rows.Count == 0)
        {
            return 0;
        }

        var learned = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (_, node, at, metrics) in rows)
        {
            var values = new List<(int, double)>();
            foreach (var (key, value) in MetricsJson.Read(metrics))
            {
                if (!series.TryId(key, out var id) && !learned.TryGetValue(key, out id))
                {
                    id = SeriesDictionary.IdOfAsync(c, tx, key, CancellationToken.None).GetAwaiter().GetResult();
                    learned[key] = id;
                }

                values.Add((id, value));
            }

            values.Sort((a, b) => a.Item1.CompareTo(b.Item1));
            c.Execute("INSERT OR IGNORE INTO node_ids (name) VALUES (@node);", new { node }, tx);
            c.Execute(
                "INSERT INTO points (node_id, at, data) VALUES ((SELECT id FROM node_ids WHERE name = @node), @at, @data);",
                new { node, at, data = PointCodec.Encode(values) },
                tx);
        }

        c.Execute("DELETE FROM samples WHERE id <= @last;", new { last = rows[^1].Id }, tx);
        tx.Commit();
        foreach (var (key, id) in learned)
        {
            series.Learn(key, id);
        }

        return rows.Count;
    }
}
