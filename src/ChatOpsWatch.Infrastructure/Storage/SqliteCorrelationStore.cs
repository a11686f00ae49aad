using System.Text.Json;
using ChatOpsWatch.Domain.Correlation;
using ChatOpsWatch.Domain.Notifications;
using ChatOpsWatch.Domain.Text;
using Dapper;

namespace ChatOpsWatch.Infrastructure.Storage;

/// <summary>
/// The correlator's state in the one-row table of schema v9, committed with its messages; a node's own down and return
/// open and close its <c>unreachable</c> incident (<see cref="IncidentSql"/>). See <see cref="ICorrelationStore"/> for the failure contract.
/// </summary>
public sealed class SqliteCorrelationStore(SqliteDatabase db, TextCatalog texts) : ICorrelationStore
{
    private const string Upsert = """
        INSERT INTO correlation_state (id, state, updated_at) VALUES (1, @State, @At)
        ON CONFLICT (id) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at;
        """;

    public Task<CorrelationState> LoadAsync(CancellationToken ct) =>
        db.RunAsync(
            "reading the correlation state",
            async c =>
            {
                var json = await c.QuerySingleOrDefaultAsync<string>(new CommandDefinition("SELECT state FROM correlation_state WHERE id = 1;", cancellationToken: ct));
                try
                {
                    return json is null ? CorrelationState.Empty : CorrelationStateJson.Read(json);
                }
                catch (JsonException ex)
                {
                    throw db.Failure("reading the correlation state", ex);
                }
            },
            ct);

    public Task CommitAsync(CorrelationState state, IReadOnlyList<OutboxMessage> messages, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(messages);
        foreach (var message in messages)
        {
            OutboxSql.Validate(message);
        }

        var json = CorrelationStateJson.Write(state);
        return db.InTransactionAsync(
            "committing the correlation state",
            async (c, tx) =>
            {
                await c.ExecuteAsync(new CommandDefinition(Upsert, new { State = json, At = UnixMs.Of(now) }, tx, cancellationToken: ct));
                foreach (var message in messages)
                {
                    await IncidentSql.ApplyAsync(c, tx, message, now, texts, ct);
                }

                return 0;
            },
            ct);
    }
}
