using ChatOpsWatch.Domain.Network;
using ChatOpsWatch.Domain.Notifications;
using ChatOpsWatch.Domain.Reports;
using ChatOpsWatch.Domain.Storage;
using ChatOpsWatch.Domain.Vps;
using ChatOpsWatch.Infrastructure.Storage.Compact;
using Dapper;
using Microsoft.Data.Sqlite;

namespace ChatOpsWatch.Infrastructure.Storage;

/// <summary>
/// The daily report's reads from SQLite. Availability counts the samples each monitored node stored in the window
/// (a sample is stored only when a poll succeeded) against the polls its interval asked for since it was first seen.
/// Expiries come from each node's newest sample (<c>node.expiry_days</c>, <c>http.tls_days_left{…}</c>).
/// </summary>
public sealed class SqliteReportStore(SqliteDatabase db) : IReportStore
{
    public Task<ReportInput> GatherAsync(DateTimeOffset start, DateTimeOffset until, CancellationToken ct) =>
        db.RunAsync(
            "reading the daily report",
            async c =>
            {
                var (from, to) = (UnixMs.Of(start), UnixMs.Of(until));
                var (b0, b1) = await RolledSpanAsync(c, from, to, ct);
                var args = new { From = from, To = to, B0 = b0, B1 = b1 };
                var nodes = await c.QueryAsync<NodeRow>(new CommandDefinition(
                    """
                    SELECT n.name AS Name, n.interval_ms AS IntervalMs, n.first_seen AS FirstSeen, n.legacy_ssh AS LegacySsh,
                           (SELECT count(*) FROM points p WHERE p.node_id = i.id AND p.at >= @From AND p.at < @B0)
                           + (SELECT COALESCE(sum(polls), 0) FROM rollups r WHERE r.tier = 1 AND r.node_id = i.id AND r.at >= @B0 AND r.at < @B1)
                           + (SELECT count(*) FROM points p WHERE p.node_id = i.id AND p.at >= @B1 AND p.at < @To) AS Answered,
                           (SELECT data FROM points p WHERE p.node_id = i.id ORDER BY p.at DESC LIMIT 1) AS Latest,
                           i.id AS NodeId
                    FROM nodes n LEFT JOIN node_ids i ON i.name = n.name WHERE n.retired_at IS NULL ORDER BY n.name;
                    """,
                    args,
                    cancellationToken: ct));
                var availability = new List<NodeAvailability>();
                var expiries = new List<UpcomingExpiry>();
                foreach (var n in nodes)
                {
                    var start = Math.Max(args.From, n.FirstSeen);
                    var expected = n.IntervalMs <= 0 || args.To <= start ? 0 : (int)((args.To - start) / n.IntervalMs);
                    availability.Add(new NodeAvailability(n.Name, expected, (int)n.Answered) { LegacySsh = n.LegacySsh != 0 });
                    if (n.Latest is { } latest)
                    {
                        expiries.AddRange(Expiries(n.Name, db.Series.Keys(c, PointCodec.Decode(latest))));
                    }
                }

                var episodes = await IncidentEpisodes.ReadAsync(c, args.From, args.To, ct);
                return new ReportInput(start, until, availability, episodes, expiries) { Monitor = await HeartbeatAsync(c, ct) };
            },
            ct);

    /// <summary>
    /// The whole 5-minute buckets inside [from, to) that are rolled up, [B0, B1): the report counts their polls from the
    /// rollups (the raw rows of a 7-day window may be gone), and the raw rows before and after. B0 = B1 when none.
    /// </summary>
    private static async Task<(long B0, long B1)> RolledSpanAsync(SqliteConnection c, long from, long to, CancellationToken ct)
    {
        var mark = await c.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT value FROM storage_marks WHERE name = 'rollup:1';", cancellationToken: ct));
        var width = SampleTiers.WidthMs(SampleTier.FiveMinutes);
        var b0 = SampleTiers.BucketStart(SampleTier.FiveMinutes, from + width - 1);
        var b1 = SampleTiers.BucketStart(SampleTier.FiveMinutes, Math.Min(to, mark ?? long.MinValue / 2));
        return b1 > b0 ? (b0, b1) : (from, from);
    }

    /// <summary>The liveness row (schema v13) and the outbox backlog; null without the row (no Worker has run on this file).</summary>
    private static async Task<MonitorHeartbeat?> HeartbeatAsync(SqliteConnection c, CancellationToken ct)
    {
        var live = await c.QuerySingleOrDefaultAsync<LiveRow>(new CommandDefinition(
            "SELECT started_at AS StartedAt, last_completed_at AS LastCompletedAt FROM liveness WHERE id = 1;", cancellationToken: ct));
        if (live is null)
        {
            return null;
        }

        var (waiting, oldest) = await SqliteSelfCheck.OutboxAsync(c, ct);
        return new MonitorHeartbeat(UnixMs.At(live.StartedAt), UnixMs.At(live.LastCompletedAt), waiting, oldest);
    }

    private sealed class LiveRow
    {
        public long StartedAt { get; init; }

        public long? LastCompletedAt { get; init; }
    }

    public Task<bool> EnqueueOnceAsync(string period, OutboxMessage message, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(period);
        OutboxSql.Validate(message);
        return db.InTransactionAsync(
            $"queueing the report for {period}",
            async (c, tx) =>
            {
                var done = await c.ExecuteScalarAsync<long>(new CommandDefinition(
                    "SELECT count(*) FROM report_runs WHERE period = @Period;", new { Period = period }, tx, cancellationToken: ct));
                if (done > 0)
                {
                    return false;
                }

                var id = await OutboxSql.InsertAsync(c, tx, message, now, ct);
                await c.ExecuteAsync(new CommandDefinition(
                    "INSERT INTO report_runs (period, outbox_id, queued_at) VALUES (@Period, @Id, @At);",
                    new { Period = period, Id = id, At = UnixMs.Of(now) },
                    tx,
                    cancellationToken: ct));
                return true;
            },
            ct);
    }

    private static IEnumerable<UpcomingExpiry> Expiries(string node, IReadOnlyDictionary<string, double> latest)
    {
        foreach (var (key, value) in latest)
        {
            if (key == TrafficMetrics.ExpiryDays)
            {
                yield return new UpcomingExpiry(node, ExpiryKind.PaidPeriod, null, value);
            }
            else if (key.StartsWith(HttpMetrics.TlsDaysLeft + "{", StringComparison.Ordinal) || key == HttpMetrics.TlsDaysLeft)
            {
                var open = key.IndexOf('{', StringComparison.Ordinal);
                yield return new UpcomingExpiry(node, ExpiryKind.TlsCertificate, open < 0 ? null : key[(open + 1)..^1], value);
            }
        }
    }

    // A class with setters, not a positional record: with no rows SQLite types the subquery columns as BLOB, and
    // Dapper then finds no constructor to match, while property setters convert.
    private sealed class NodeRow
    {
        public string Name { get; set; } = "";

        public long IntervalMs { get; set; }

        public long FirstSeen { get; set; }

        public long Answered { get; set; }

        public long LegacySsh { get; set; }

        public byte[]? Latest { get; set; }

        public long? NodeId { get; set; }
    }
}
