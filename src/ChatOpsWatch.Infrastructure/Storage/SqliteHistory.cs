using System.Globalization;
using System.Text.Json;
using ChatOpsWatch.Domain.Engine.Policy;
using ChatOpsWatch.Domain.Nodes;
using ChatOpsWatch.Domain.Ports;
using ChatOpsWatch.Domain.Samples;
using ChatOpsWatch.Infrastructure.Storage.Compact;
using Dapper;
using Microsoft.Data.Sqlite;

namespace ChatOpsWatch.Infrastructure.Storage;

/// <summary>
/// Read-only access to a monitor's stored history for offline reports (baseline, noise): it never creates the file,
/// never migrates it and never writes, so it can run beside the live monitor. Every method throws
/// <see cref="StorageException"/> naming the file and the cause when the database cannot be read (missing file,
/// not a SQLite database, a table this schema version lacks).
/// </summary>
public sealed class SqliteHistory : IHistoryReader
{
    private readonly string _connectionString;

    private SqliteHistory(string path)
    {
        FilePath = path;
        _connectionString = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString();
    }

    public string FilePath { get; }

    public string Location => FilePath;

    /// <summary>Opens an existing database; throws <see cref="StorageException"/> when there is no file at <paramref name="path"/>.</summary>
    public static SqliteHistory Open(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = Path.GetFullPath(path);
        return File.Exists(full)
            ? new SqliteHistory(full)
            : throw new StorageException($"SQLite database '{full}' does not exist: nothing has been monitored with this configuration yet (check ChatOpsWatch:Storage:Path)", new FileNotFoundException(full));
    }

    public IReadOnlyList<NodeInfo> Nodes() => Run("reading the nodes", c =>
        c.Query<(string Name, string Provider, string Region, long Role, long IntervalMs)>("SELECT name, provider, region, role, interval_ms FROM nodes ORDER BY name;")
            .Select(n => new NodeInfo(n.Name, n.Provider, n.Region, (NodeRole)n.Role, TimeSpan.FromMilliseconds(n.IntervalMs)))
            .ToList());

    public long CountSamples(string? node, DateTimeOffset since) => Run("counting samples", c =>
    {
        var args = new { since = UnixMs.Of(since), node };
        var compact = HasTable(c, "points")
            ? c.ExecuteScalar<long>($"SELECT COUNT(*) FROM points p JOIN node_ids i ON i.id = p.node_id WHERE p.at >= @since{(node is null ? "" : " AND i.name = @node")};", args)
            : 0;
        return compact + c.ExecuteScalar<long>($"SELECT COUNT(*) FROM samples WHERE at >= @since{(node is null ? "" : " AND node = @node")};", args);
    });

    /// <summary>
    /// See <see cref="IHistoryReader.Replay"/>. A file not yet converted (schema v13 and older, or a conversion under way) keeps some samples
    /// as JSON rows: both forms are read and merged by time.
    /// </summary>
    public long Replay(string? node, DateTimeOffset since, Action<Sample> visit, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(visit);
        return Run("reading samples", c =>
        {
            var compact = HasTable(c, "points");
            var series = new SeriesDictionary();
            if (compact)
            {
                series.Load(c);
            }

            var names = node is not null ? [node] : c.Query<string>(
                compact ? "SELECT name FROM node_ids UNION SELECT DISTINCT node FROM samples ORDER BY 1;" : "SELECT DISTINCT node FROM samples ORDER BY 1;").ToList();
            var count = 0L;
            foreach (var name in names)
            {
                var args = new { since = UnixMs.Of(since), node = name };
                var json = c.Query<(long At, string Metrics)>("SELECT at, metrics FROM samples WHERE node = @node AND at >= @since ORDER BY at;", args, buffered: false)
                    .Select(r => new Sample(name, UnixMs.At(r.At), MetricsJson.Read(r.Metrics)));
                var points = !compact ? [] : c.Query<(long At, byte[] Data)>(
                        "SELECT at, data FROM points WHERE node_id = (SELECT id FROM node_ids WHERE name = @node) AND at >= @since ORDER BY at;", args, buffered: false)
                    .Select(r => new Sample(name, UnixMs.At(r.At), series.Keys(c, PointCodec.Decode(r.Data))));
                foreach (var sample in Merge(points, json))
                {
                    ct.ThrowIfCancellationRequested();
                    visit(sample);
                    count++;
                }
            }

            return count;
        });
    }

    private static IEnumerable<Sample> Merge(IEnumerable<Sample> a, IEnumerable<Sample> b)
    {
        using var x = a.GetEnumerator();
        using var y = b.GetEnumerator();
        var (hasX, hasY) = (x.MoveNext(), y.MoveNext());
        while (hasX || hasY)
        {
            if (hasX && (!hasY || x.Current.At <= y.Current.At))
            {
                yield return x.Current;
                hasX = x.MoveNext();
            }
            else
            {
                yield return y.Current;
                hasY = y.MoveNext();
            }
        }
    }

    /// <summary>
    /// Silences that were in force at some time after <paramref name="since"/>; one removed early ends at its removal.
    /// Empty when the database predates muting (schema v5).
    /// </summary>
    public IReadOnlyList<Silence> Silences(DateTimeOffset since) => Run("reading silences", c => !HasTable(c, "silences") ? [] :
        c.Query<(long Id, string Matcher, string CreatedBy, string Reason, long CreatedAt, long ExpiresAt, long? RemovedAt)>(
            "SELECT id, matcher, created_by, reason, created_at, expires_at, removed_at FROM silences WHERE MIN(expires_at, COALESCE(removed_at, expires_at)) >= @since ORDER BY id;",
            new { since = UnixMs.Of(since) })
        .Select(r => new Silence(
            r.Id.ToString(CultureInfo.InvariantCulture),
            JsonSerializer.Deserialize<List<Matcher>>(r.Matcher) ?? [],
            UnixMs.At(r.CreatedAt),
            UnixMs.At(Math.Min(r.ExpiresAt, r.RemovedAt ?? r.ExpiresAt)),
            r.CreatedBy,
            r.Reason))
        .ToList());

    /// <summary>Acknowledgements of episodes that fired after <paramref name="since"/>; empty before schema v5.</summary>
    public IReadOnlyList<Acknowledgement> Acks(DateTimeOffset since) => Run("reading acknowledgements", c => !HasTable(c, "acks") ? [] :
        c.Query<(string Node, string RuleId, long FiringSince, string AckedBy, long AckedAt)>(
            "SELECT node, rule_id, firing_since, acked_by, acked_at FROM acks WHERE acked_at >= @since ORDER BY acked_at;",
            new { since = UnixMs.Of(since) })
        .Select(a => new Acknowledgement(a.Node, a.RuleId, UnixMs.At(a.FiringSince), a.AckedBy, UnixMs.At(a.AckedAt)))
        .ToList());

    private static bool HasTable(SqliteConnection c, string table) =>
        c.ExecuteScalar<long>("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = @table;", new { table }) > 0;

    private T Run<T>(string operation, Func<SqliteConnection, T> work)
    {
        try
        {
            using var connection = new SqliteConnection(_connectionString);
            connection.Open();
            return work(connection);
        }
        catch (Exception ex) when (ex is SqliteException or JsonException or InvalidOperationException or IOException)
        {
            throw new StorageException($"SQLite database '{FilePath}': {operation} failed: {ex.Message}", ex);
        }
    }
}
