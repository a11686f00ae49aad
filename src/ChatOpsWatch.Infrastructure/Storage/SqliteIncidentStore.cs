using ChatOpsWatch.Domain.Incidents;
using ChatOpsWatch.Domain.Text;
using Dapper;

namespace ChatOpsWatch.Infrastructure.Storage;

/// <summary>
/// Incidents in SQLite (schema v6): the history reads, and the button changes as <see cref="IncidentLifecycle"/> decides
/// them, each written with its message edit in one transaction.
/// </summary>
public sealed class SqliteIncidentStore(SqliteDatabase db, TextCatalog texts) : IIncidentStore
{
    public Task<Incident?> GetAsync(long id, CancellationToken ct) =>
        db.RunAsync($"reading incident {id}", c => IncidentSql.GetAsync(c, null, id, ct), ct);

    public Task<IReadOnlyList<Incident>> OpenAsync(CancellationToken ct) =>
        db.RunAsync<IReadOnlyList<Incident>>(
            "reading the open incidents",
            async c => [.. (await c.QueryAsync<IncidentRow>(new CommandDefinition(
                    IncidentRow.Select + " WHERE resolved_at IS NULL ORDER BY severity DESC, opened_at, id;", cancellationToken: ct)))
                .Select(r => r.ToIncident())],
            ct);

    public Task<IReadOnlyList<Incident>> HistoryAsync(string node, DateTimeOffset since, CancellationToken ct) =>
        db.RunAsync<IReadOnlyList<Incident>>(
            $"reading the incidents of '{node}'",
            async c => [.. (await c.QueryAsync<IncidentRow>(new CommandDefinition(
                    IncidentRow.Select + " WHERE node = @node AND (opened_at >= @since OR resolved_at IS NULL OR resolved_at >= @since) ORDER BY opened_at DESC, id DESC;",
                    new { node, since = UnixMs.Of(since) },
                    cancellationToken: ct)))
                .Select(r => r.ToIncident())],
            ct);

    public Task<Incident?> AckAsync(long id, string by, DateTimeOffset at, CancellationToken ct) =>
        ChangeAsync(id, $"acknowledging incident {id}", i => IncidentLifecycle.Ack(i, by, at, texts), at, ct);

    public Task<Incident?> MuteAsync(long id, DateTimeOffset until, string by, DateTimeOffset at, CancellationToken ct) =>
        ChangeAsync(id, $"muting incident {id}", i => IncidentLifecycle.Mute(i, until, by, texts), at, ct);

    /// <summary>Writes what the lifecycle decided; an unchanged incident queues no edit.</summary>
    private Task<Incident?> ChangeAsync(long id, string operation, Func<Incident, IncidentStep> change, DateTimeOffset now, CancellationToken ct) =>
        db.InTransactionAsync(
            operation,
            async (c, tx) =>
            {
                if (await IncidentSql.GetAsync(c, tx, id, ct) is not { } incident)
                {
                    return null;
                }

                var step = change(incident);
                await IncidentSql.WriteAsync(c, tx, incident, step, now, ct);
                return step.Next;
            },
            ct);
}
