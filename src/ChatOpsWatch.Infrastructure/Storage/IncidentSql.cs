using System.Data.Common;
using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Domain.Incidents;
using ChatOpsWatch.Domain.Notifications;
using ChatOpsWatch.Domain.Text;
using Dapper;
using Microsoft.Data.Sqlite;

namespace ChatOpsWatch.Infrastructure.Storage;

/// <summary>
/// Incidents inside a caller's transaction. It reads the alert's open incident, lets <see cref="IncidentLifecycle"/>
/// decide and render, and writes the resulting <see cref="IncidentStep"/>: the incident row, and the send, edit or reply
/// of its one message in the same commit, so a crash loses neither. An edit queued while the incident's previous send
/// or edit is still waiting (and not being sent) rewrites that row instead: the chat gets the latest text once.
/// </summary>
internal static class IncidentSql
{
    private const string Pending = """
        SELECT id, action FROM outbox
        WHERE incident_id = @Id AND action IN (0, 1) AND sent_at IS NULL AND inflight_since IS NULL
        ORDER BY id DESC LIMIT 1;
        """;

    private const string Rewrite = """
        UPDATE outbox SET html = @Html, severity = @Severity, silent = @Silent, buttons = @Buttons WHERE id = @Row;
        """;

    /// <summary>Queues <paramref name="message"/>: as its incident's step when it carries a notice, else as it is.</summary>
    public static async Task ApplyAsync(SqliteConnection c, DbTransaction tx, OutboxMessage message, DateTimeOffset now, TextCatalog texts, CancellationToken ct)
    {
        if (message.Incident is not { } n)
        {
            await OutboxSql.InsertAsync(c, tx, message, now, ct);
            return;
        }

        var open = await OpenAsync(c, tx, n.Node, n.RuleId, n.Series, ct);
        var waiting = open is not null && await PendingAsync(c, tx, open.Id, ct) is { Action: (long)OutboxAction.Send };
        var newId = open is null ? await c.ExecuteScalarAsync<long>(new CommandDefinition(IncidentRow.NextId, transaction: tx, cancellationToken: ct)) : 0;
        await WriteAsync(c, tx, open, IncidentLifecycle.Step(open, message, now, texts, newId, waiting), now, ct);
    }

    /// <summary>Lets the open incidents of the alerts that moved without a message follow them (<see cref="IncidentLifecycle.Follow"/>).</summary>
    public static async Task FollowAsync(
        SqliteConnection c, DbTransaction tx, string node, IEnumerable<AlertTransition> unannounced, DateTimeOffset now, TextCatalog texts, CancellationToken ct)
    {
        foreach (var t in unannounced)
        {
            if (await OpenAsync(c, tx, node, t.Next.RuleId, t.Next.Series, ct) is { } open)
            {
                await WriteAsync(c, tx, open, IncidentLifecycle.Follow(open, t.Next.Severity, now, texts), now, ct);
            }
        }
    }

    public static async Task<Incident?> GetAsync(SqliteConnection c, DbTransaction? tx, long id, CancellationToken ct) =>
        (await c.QueryFirstOrDefaultAsync<IncidentRow>(new CommandDefinition(IncidentRow.Select + " WHERE id = @id;", new { id }, tx, cancellationToken: ct)))?.ToIncident();

    /// <summary>Writes <paramref name="step"/> as the lifecycle decided it: the incident row (when new or changed), then its messages in order.</summary>
    public static async Task WriteAsync(SqliteConnection c, DbTransaction tx, Incident? before, IncidentStep step, DateTimeOffset now, CancellationToken ct)
    {
        if (step.Next is { } next)
        {
            if (before is null)
            {
                await c.ExecuteAsync(new CommandDefinition(IncidentRow.Insert, IncidentRow.Args(next, now, step.Text), tx, cancellationToken: ct));
            }
            else if (next != before || step.Text is not null)
            {
                await c.ExecuteAsync(new CommandDefinition(IncidentRow.Update, IncidentRow.Args(next, now, step.Text), tx, cancellationToken: ct));
            }
        }

        foreach (var intent in step.Intents)
        {
            var id = step.Next?.Id;
            switch (intent.Kind)
            {
                case IncidentIntentKind.Send:
                    await OutboxSql.InsertAsync(c, tx, intent.Message, now, ct, OutboxAction.Send, id);
                    break;
                case IncidentIntentKind.Edit:
                    await EditAsync(c, tx, id!.Value, intent.Message, now, ct);
                    break;
                case IncidentIntentKind.Reply:
                    await OutboxSql.InsertAsync(c, tx, intent.Message, now, ct, OutboxAction.Reply, id);
                    break;
                default:
                    await OutboxSql.InsertAsync(c, tx, intent.Message, now, ct);
                    break;
            }
        }
    }

    /// <summary>Queues the edit, or rewrites the incident's send or edit that still waits (and is not being sent).</summary>
    private static async Task EditAsync(SqliteConnection c, DbTransaction tx, long incidentId, OutboxMessage message, DateTimeOffset now, CancellationToken ct)
    {
        if (await PendingAsync(c, tx, incidentId, ct) is { } row)
        {
            await c.ExecuteAsync(new CommandDefinition(
                Rewrite,
                new { Row = row.Id, message.Html, Severity = (int)message.Severity, message.Silent, Buttons = OutboxSql.WriteButtons(message.Buttons) },
                tx,
                cancellationToken: ct));
            return;
        }

        await OutboxSql.InsertAsync(c, tx, message, now, ct, OutboxAction.Edit, incidentId);
    }

    private static Task<PendingRow?> PendingAsync(SqliteConnection c, DbTransaction tx, long incidentId, CancellationToken ct) =>
        c.QueryFirstOrDefaultAsync<PendingRow?>(new CommandDefinition(Pending, new { Id = incidentId }, tx, cancellationToken: ct));

    private static async Task<Incident?> OpenAsync(SqliteConnection c, DbTransaction tx, string node, string rule, string series, CancellationToken ct) =>
        (await c.QueryFirstOrDefaultAsync<IncidentRow>(new CommandDefinition(
            IncidentRow.Select + " WHERE node = @node AND rule_id = @rule AND series = @series AND resolved_at IS NULL;",
            new { node, rule, series },
            tx,
            cancellationToken: ct)))?.ToIncident();

    private sealed record PendingRow(long Id, long Action);
}
