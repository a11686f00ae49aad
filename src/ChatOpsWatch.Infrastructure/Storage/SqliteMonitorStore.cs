using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Domain.Engine.Live;
using ChatOpsWatch.Domain.Incidents;
using ChatOpsWatch.Domain.Nodes;
using ChatOpsWatch.Domain.Ports;
using ChatOpsWatch.Domain.Samples;
using ChatOpsWatch.Domain.Text;
using ChatOpsWatch.Infrastructure.Storage.Compact;
using Dapper;

namespace ChatOpsWatch.Infrastructure.Storage;

/// <summary>
/// Nodes, samples and alert state in SQLite. See <see cref="IMonitorStore"/> for the failure contract. A poll's alert
/// messages open, move and close incidents (<see cref="IncidentSql"/>) in the poll's transaction, written in
/// <paramref name="texts"/>' language. Polls are group-committed (<see cref="SqliteGroupCommit"/>):
/// the polls that finish within one <see cref="SqliteCommitOptions.Tick"/> share a transaction. With an <paramref name="archive"/>
/// (the InfluxDB spool, issue 14) each sample is also queued there, in the same savepoint.
/// </summary>
public sealed class SqliteMonitorStore(SqliteDatabase db, TimeProvider time, TextCatalog texts, SqliteCommitOptions? commits = null, IPollArchive? archive = null) : IMonitorStore
{

    private readonly SqliteGroupCommit commit = new(db, commits ?? SqliteCommitOptions.Immediate, time);

    /// <summary>Transactions the polls were committed in so far (fewer than the polls when they were grouped).</summary>
    public long CommitTransactions => commit.Transactions;

    private const string UpsertNode = """
        INSERT INTO nodes (name, provider, region, role, interval_ms, first_seen, legacy_ssh)
        VALUES (@Name, @Provider, @Region, @Role, @IntervalMs, @Now, @LegacySsh)
        ON CONFLICT (name) DO UPDATE SET
            provider = excluded.provider, region = excluded.region,
            role = excluded.role, interval_ms = excluded.interval_ms, legacy_ssh = excluded.legacy_ssh, retired_at = NULL;
        INSERT OR IGNORE INTO node_ids (name) VALUES (@Name);
        """;

    private const string InsertSample = """
        INSERT INTO points (node_id, at, data) VALUES ((SELECT id FROM node_ids WHERE name = @Node), @At, @Data);
        UPDATE nodes SET last_seen = MAX(COALESCE(last_seen, @At), @At) WHERE name = @Node;
        """;

    public Task UpsertNodeAsync(NodeInfo node, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(node);
        if (!NodeName.IsValid(node.Name))
        {
            throw new ArgumentException($"Invalid node name '{node.Name}': {NodeName.Rule}.", nameof(node));
        }

        if (!Enum.IsDefined(node.Role) || node.Interval <= TimeSpan.Zero)
        {
            throw new ArgumentException($"Node '{node.Name}' needs a known role and a positive interval.", nameof(node));
        }

        var args = new
        {
            node.Name,
            node.Provider,
            node.Region,
            Role = (int)node.Role,
            IntervalMs = node.Interval.Ticks / TimeSpan.TicksPerMillisecond,
            Now = UnixMs.Of(time.GetUtcNow()),
            LegacySsh = node.LegacySshAllowed ? 1 : 0,
        };
        return db.RunAsync(
            $"registering node '{node.Name}'",
            c => c.ExecuteAsync(new CommandDefinition(UpsertNode, args, cancellationToken: ct)),
            ct);
    }

    public Task RetireNodeAsync(string node, CancellationToken ct) =>
        db.RunAsync(
            $"retiring node '{node}'",
            c => c.ExecuteAsync(new CommandDefinition(
                "UPDATE nodes SET retired_at = @Now WHERE name = @node AND retired_at IS NULL;",
                new { node, Now = UnixMs.Of(time.GetUtcNow()) },
                cancellationToken: ct)),
            ct);

    public Task<IReadOnlyDictionary<string, AlertState>> LoadAlertStatesAsync(string node, CancellationToken ct) =>
        db.RunAsync<IReadOnlyDictionary<string, AlertState>>(
            $"loading alert states of '{node}'",
            async c =>
            {
                var rows = await c.QueryAsync<AlertStateRow>(new CommandDefinition(
                    AlertStateRow.Select + " WHERE node = @node;", new { node }, cancellationToken: ct));
                return rows.Select(r => r.ToState()).ToDictionary(AlertKey.Of, StringComparer.Ordinal);
            },
            ct);

    public Task<IReadOnlyList<EngineAlert>> LoadEngineStatesAsync(string node, CancellationToken ct) =>
        db.RunAsync<IReadOnlyList<EngineAlert>>(
            $"loading engine states of '{node}'",
            async c => [.. (await c.QueryAsync<EngineStateRow>(new CommandDefinition(EngineStateRow.Select, new { node }, cancellationToken: ct))).Select(r => r.ToAlert())],
            ct);

    public Task<int> ReplaySamplesAsync(string node, DateTimeOffset since, Action<Sample> visit, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(visit);
        return db.RunAsync(
            $"replaying samples of '{node}'",
            async c =>
            {
                var count = 0;
                var rows = c.QueryUnbufferedAsync<(long At, byte[] Data)>(
                    "SELECT at, data FROM points WHERE node_id = (SELECT id FROM node_ids WHERE name = @node) AND at >= @since ORDER BY at;",
                    new { node, since = UnixMs.Of(since) });
                await foreach (var (at, data) in rows.WithCancellation(ct))
                {
                    visit(new Sample(node, UnixMs.At(at), db.Series.Keys(c, PointCodec.Decode(data))));
                    count++;
                }

                return count;
            },
            ct);
    }

    public Task CommitPollAsync(string node, PollDecision decision, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(decision);
        Validate(node, decision);
        var durable = decision.Transitions.Count > 0 || decision.Messages.Count > 0 || decision.EngineStates.Count > 0;
        return CommitAsync(node, decision, now, durable, ct);
    }

    private async Task CommitAsync(string node, PollDecision decision, DateTimeOffset now, bool durable, CancellationToken ct)
    {
        if (decision.Sample is { } sample)
        {
            await db.Series.EnsureAsync(db, sample.Values.Keys, ct);
        }

        await commit.CommitAsync($"committing a poll of '{node}'", durable, (c, tx) => WritePollAsync(c, tx, node, decision, now), ct);
    }

    /// <summary>
    /// One poll's rows. Not cancellable once its batch is being written: a poll is stored whole or not at all.
    /// </summary>
    private async Task WritePollAsync(Microsoft.Data.Sqlite.SqliteConnection c, System.Data.Common.DbTransaction tx, string node, PollDecision decision, DateTimeOffset now)
    {
        var ct = CancellationToken.None;
        if (decision.Sample is { } sample)
        {
            await c.ExecuteAsync(new CommandDefinition(
                InsertSample,
                new { Node = node, At = UnixMs.Of(sample.At), Data = PointCodec.Encode(db.Series.Ids(sample.Values)) },
                tx,
                cancellationToken: ct));
            if (archive is not null)
            {
                await archive.AppendAsync(c, tx, sample, now);
            }
        }

        foreach (var state in decision.ChangedStates)
        {
            await c.ExecuteAsync(new CommandDefinition(AlertStateRow.Upsert, AlertStateRow.Args(state), tx, cancellationToken: ct));
        }

        foreach (var alert in decision.EngineStates)
        {
            await c.ExecuteAsync(new CommandDefinition(EngineStateRow.Upsert, EngineStateRow.Args(alert), tx, cancellationToken: ct));
        }

        foreach (var message in decision.Messages)
        {
            await IncidentSql.ApplyAsync(c, tx, message, now, texts, ct);
        }

        await IncidentSql.FollowAsync(c, tx, node, IncidentLifecycle.Unannounced(decision), now, texts, ct);
    }

    public Task<IReadOnlyList<NodeStatus>> FleetAsync(CancellationToken ct) =>
        db.RunAsync<IReadOnlyList<NodeStatus>>(
            "reading the fleet",
            async c =>
            {
                // One read transaction, so the nodes and their alerts come from the same snapshot.
                await using var tx = c.BeginTransaction(deferred: true);
                var nodes = await c.QueryAsync<FleetRow>(new CommandDefinition(FleetRow.Select, transaction: tx, cancellationToken: ct));
                var firing = (await c.QueryAsync<AlertStateRow>(new CommandDefinition(
                        AlertStateRow.Select + " WHERE severity <> 0 ORDER BY node, severity DESC, rule_id, series;",
                        transaction: tx,
                        cancellationToken: ct)))
                    .Select(r => r.ToState())
                    .ToLookup(s => s.Node, StringComparer.Ordinal);
                return nodes.Select(n => new NodeStatus(n.ToNode(), n.ToSample(d => db.Series.Keys(c, PointCodec.Decode(d))), [.. firing[n.Name]])).ToList();
            },
            ct);

    private static void Validate(string node, PollDecision decision)
    {
        if (decision.Sample is { } sample && sample.Node != node)
        {
            throw new ArgumentException($"The sample belongs to '{sample.Node}', not to '{node}'.", nameof(decision));
        }

        foreach (var state in decision.ChangedStates)
        {
            if (state.Node != node || !Enum.IsDefined(state.Severity))
            {
                throw new ArgumentException(
                    $"Alert state {AlertKey.Of(state)} of '{state.Node}' (severity {(int)state.Severity}) cannot be committed for '{node}'.",
                    nameof(decision));
            }
        }

        if (decision.EngineStates.FirstOrDefault(a => a.Node != node) is { } foreign)
        {
            throw new ArgumentException($"Engine state {foreign.Key} of '{foreign.Node}' cannot be committed for '{node}'.", nameof(decision));
        }

        foreach (var message in decision.Messages)
        {
            OutboxSql.Validate(message);
        }
    }
}
