using ChatOpsWatch.Domain.Text;
using ChatOpsWatch.Domain.Nodes;
using ChatOpsWatch.Infrastructure.Storage;

namespace ChatOpsWatch.Infrastructure.Tests.Storage;

/// <summary>Writes many samples straight into a test database (one transaction, as JSON rows converted to the compact form), as a week of polls would leave them.</summary>
internal static class SeriesSeed
{
    public static async Task NodeAsync(SqliteDatabase db, TimeProvider time, string name) =>
        await new SqliteMonitorStore(db, time, TextCatalog.English).UpsertNodeAsync(new NodeInfo(name, "hetzner", "fsn1", NodeRole.Core, NodeInfo.CoreInterval), default);

    public static void Samples(string path, string node, IEnumerable<(DateTimeOffset At, IReadOnlyDictionary<string, double> Values)> samples)
    {
        using var c = TestDb.RawAt(path);
        using var tx = c.BeginTransaction();
        using var insert = c.CreateCommand();
        insert.Transaction = tx;
        insert.CommandText = "INSERT INTO samples (node, at, metrics) VALUES ($node, $at, $metrics);";
        var pNode = insert.Parameters.Add("$node", Microsoft.Data.Sqlite.SqliteType.Text);
        var pAt = insert.Parameters.Add("$at", Microsoft.Data.Sqlite.SqliteType.Integer);
        var pMetrics = insert.Parameters.Add("$metrics", Microsoft.Data.Sqlite.SqliteType.Text);
        foreach (var (at, values) in samples)
        {
            pNode.Value = node;
            pAt.Value = at.ToUnixTimeMilliseconds();
            pMetrics.Value = MetricsJson.Write(values);
            insert.ExecuteNonQuery();
        }

        tx.Commit();

        // Rows in the v13 JSON form, converted as the next start would (schema v15, issue 14).
        SqliteLegacySamples.ConvertAll(c, new Infrastructure.Storage.Compact.SeriesDictionary());
    }

    /// <summary>One sample every <paramref name="every"/> from <paramref name="from"/> until <paramref name="to"/>, value from the index.</summary>
    public static IEnumerable<(DateTimeOffset, IReadOnlyDictionary<string, double>)> Every(
        DateTimeOffset from, DateTimeOffset to, TimeSpan every, Func<int, IReadOnlyDictionary<string, double>> values)
    {
        var i = 0;
        for (var at = from; at < to; at += every, i++)
        {
            yield return (at, values(i));
        }
    }
}
