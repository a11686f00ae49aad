using Microsoft.Data.Sqlite;

namespace ChatOpsWatch.Testing.Storage;

/// <summary>
/// What must hold of the sample tiers after any crash (issue 14), checked with SQL on the file: the file is intact;
/// every 5-minute rollup holds exactly the raw polls of its bucket where those still exist, every hourly one the polls of
/// its 5-minute buckets where those exist; the buckets of a tier follow each other without a gap up to its watermark,
/// and no bucket lies past it (the bucket at the watermark only for the nodes up to the tier's node cursor,
/// <c>rollup:N:node</c>, where a step stopped inside it); and every poll written is counted exactly once across the tiers.
/// </summary>
public static class StorageInvariants
{
    public static IReadOnlyList<string> Check(string path, long pollsWritten)
    {
        using var c = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false, Mode = SqliteOpenMode.ReadOnly }.ToString());
        c.Open();
        var problems = new List<string>();
        var integrity = Scalar(c, "PRAGMA integrity_check;");
        if (!Equals(integrity, "ok"))
        {
            problems.Add($"integrity_check: {integrity}");
        }

        var mark5 = Scalar(c, "SELECT value FROM storage_marks WHERE name = 'rollup:1';") as long?;
        var markH = Scalar(c, "SELECT value FROM storage_marks WHERE name = 'rollup:2';") as long?;
        var cursor5 = Scalar(c, "SELECT value FROM storage_marks WHERE name = 'rollup:1:node';") as long? ?? 0;
        var cursorH = Scalar(c, "SELECT value FROM storage_marks WHERE name = 'rollup:2:node';") as long? ?? 0;
        if ((cursor5 > 0 && mark5 is null) || (cursorH > 0 && markH is null))
        {
            problems.Add("a node cursor without its watermark");
        }

        // Past a tier's mark: every bucket after it, and of the bucket at it the nodes after the cursor.
        var past5 = $"(at > {mark5 ?? long.MinValue} OR (at = {mark5 ?? long.MinValue} AND node_id > {cursor5}))";
        var pastH = $"(at > {markH ?? long.MinValue} OR (at = {markH ?? long.MinValue} AND node_id > {cursorH}))";
        var raw5 = $"(at >= {(mark5 ?? long.MinValue / 2) + 300_000} OR (at >= {mark5 ?? long.MinValue} AND node_id > {cursor5}))";
        var fiveH = $"(at >= {(markH ?? long.MinValue / 2) + 3_600_000} OR (at >= {markH ?? long.MinValue} AND node_id > {cursorH}))";
        Expect(problems, c, "5-minute rollups whose polls differ from the raw polls of their bucket", """
            SELECT count(*) FROM rollups r WHERE r.tier = 1
              AND EXISTS (SELECT 1 FROM points p WHERE p.node_id = r.node_id AND p.at >= r.at AND p.at < r.at + 300000)
              AND r.polls <> (SELECT count(*) FROM points p WHERE p.node_id = r.node_id AND p.at >= r.at AND p.at < r.at + 300000);
            """);
        Expect(problems, c, "hourly rollups whose polls differ from their 5-minute buckets", """
            SELECT count(*) FROM rollups h WHERE h.tier = 2
              AND EXISTS (SELECT 1 FROM rollups f WHERE f.tier = 1 AND f.node_id = h.node_id AND f.at >= h.at AND f.at < h.at + 3600000)
              AND h.polls <> (SELECT sum(polls) FROM rollups f WHERE f.tier = 1 AND f.node_id = h.node_id AND f.at >= h.at AND f.at < h.at + 3600000);
            """);
        Expect(problems, c, "rollup buckets at or past their watermark", $"""
            SELECT count(*) FROM rollups WHERE (tier = 1 AND {past5}) OR (tier = 2 AND {pastH});
            """);
        foreach (var (tier, width) in new[] { (1, 300_000L), (2, 3_600_000L) })
        {
            Expect(problems, c, $"gaps between tier-{tier} buckets", $"""
                SELECT count(*) FROM (SELECT node_id, at, lag(at) OVER (PARTITION BY node_id ORDER BY at) AS prev FROM rollups WHERE tier = {tier})
                WHERE prev IS NOT NULL AND at - prev <> {width};
                """);
        }

        // Each poll once: hourly buckets, then 5-minute buckets past the hourly mark and cursor, then raw polls past the
        // 5-minute mark and cursor.
        var counted = (long)(Scalar(c, $"""
            SELECT (SELECT COALESCE(sum(polls), 0) FROM rollups WHERE tier = 2)
                 + (SELECT COALESCE(sum(polls), 0) FROM rollups WHERE tier = 1 AND {fiveH})
                 + (SELECT count(*) FROM points WHERE {raw5});
            """) ?? 0L);
        if (counted != pollsWritten)
        {
            problems.Add($"{counted} polls counted across the tiers, {pollsWritten} written");
        }

        return problems;
    }

    private static void Expect(List<string> problems, SqliteConnection c, string what, string sql)
    {
        if (Scalar(c, sql) is long n and > 0)
        {
            problems.Add($"{n} {what}");
        }
    }

    private static object? Scalar(SqliteConnection c, string sql)
    {
        using var command = c.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
