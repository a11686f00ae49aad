using System.Data.Common;
using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Domain.Incidents;
using ChatOpsWatch.Domain.Notifications;
using ChatOpsWatch.Domain.Text;
using Dapper;
using Microsoft.Data.Sqlite;

namespace ChatOpsWatch.Infrastructure.Storage;

/// <summary>
/// Incidents inside a caller's transaction: opening, moving and closing an episode, and queueing the send, edit or
/// reply of its one message in the same commit as the change, so a crash loses neither. An edit queued while the
/// incident's previous send or edit is still waiting (and not being sent) rewrites that row instead: the chat gets
/// the latest text once.
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

    /// <summary>Queues <paramref name="message"/>: as its incident's change when it carries one, else as it is.</summary>
    public static async Task ApplyAsync(SqliteConnection c, DbTransaction tx, OutboxMessage message, DateTimeOffset now, TextCatalog texts, CancellationToken ct)
    {
        if (message.Incident is not { } n)
        {
            await OutboxSql.InsertAsync(c, tx, message, now, ct);
            return;
        }

        var open = await OpenAsync(c, tx, n.Node, n.RuleId, n.Series, ct);
        switch (n.Change)
        {
            case IncidentChange.Resolved when open is null:
                // Announced before incidents existed (or never opened): the plain resolution, never dropped.
                await OutboxSql.InsertAsync(c, tx, message with { Incident = null }, now, ct);
                return;
            case IncidentChange.Resolved:
                var closed = open with { ResolvedAt = now, ResolvedDetail = n.Detail, ResolvedDetails = n.Details };
                await SaveAndEditAsync(c, tx, closed, now, texts, ct);
                await ReplyAsync(c, tx, closed, IncidentText.ResolvedReply(closed, texts), closed.MaxSeverity, now, ct);
                return;
            case IncidentChange.Closed:
                if (open is not null)
                {
                    await SaveAndEditAsync(c, tx, open with { ResolvedAt = now, ResolvedDetail = n.Detail, ResolvedDetails = n.Details }, now, texts, ct);
                }

                return;
            case IncidentChange.Repeat when open is not null:
                await ReplyAsync(c, tx, open, IncidentText.RepeatReply(open, now, texts), Severity.Critical, now, ct);
                return;
            case var _ when open is null:
                await OpenIncidentAsync(c, tx, n, message.ChatId, now, texts, ct);
                return;
            default:
                var moved = open with
                {
                    Severity = n.Severity,
                    MaxSeverity = n.Severity > open.MaxSeverity ? n.Severity : open.MaxSeverity,
                    Detail = n.Detail,
                    Details = n.Details,
                };
                var folded = await SaveAndEditAsync(c, tx, moved, now, texts, ct);
                if (n.Change == IncidentChange.Escalated && folded != OutboxAction.Send)
                {
                    // An edit notifies nobody: the escalation to critical is a loud reply to the incident's message. When
                    // the first send still waits it now goes as a critical itself, loudly, and needs no reply.
                    await ReplyAsync(c, tx, moved, IncidentText.EscalatedReply(moved, texts), Severity.Critical, now, ct);
                }

                return;
        }
    }

    /// <summary>
    /// Keeps open incidents true to their alert when the alert moved without a message (a silence or maintenance window
    /// held it back): the severity follows, and when the alert stops firing the incident closes with a silent reply.
    /// Edits add no message, so a muted incident still shows the truth. <paramref name="told"/>: the (rule, series) this
    /// poll already sent a notice for.
    /// </summary>
    public static async Task FollowAsync(
        SqliteConnection c, DbTransaction tx, string node, IEnumerable<AlertTransition> moved, IReadOnlySet<string> told, DateTimeOffset now, TextCatalog texts, CancellationToken ct)
    {
        foreach (var t in moved.Where(t => t.Previous.Severity != t.Next.Severity && !told.Contains(AlertKey.Of(t.Next))))
        {
            if (await OpenAsync(c, tx, node, t.Next.RuleId, t.Next.Series, ct) is not { } open)
            {
                continue;
            }

            if (t.Next.Severity == Severity.None)
            {
                var closed = open with { ResolvedAt = now };
                await SaveAndEditAsync(c, tx, closed, now, texts, ct);
                var reply = new OutboxMessage(MessageKind.Alert, Severity.Warning, IncidentText.ResolvedReply(closed, texts), closed.ChatId);
                await OutboxSql.InsertAsync(c, tx, reply, now, ct, OutboxAction.Reply, closed.Id);
            }
            else if (t.Next.Severity != open.Severity)
            {
                var max = t.Next.Severity > open.MaxSeverity ? t.Next.Severity : open.MaxSeverity;
                await SaveAndEditAsync(c, tx, open with { Severity = t.Next.Severity, MaxSeverity = max }, now, texts, ct);
            }
        }
    }

    public static async Task<Incident?> GetAsync(SqliteConnection c, DbTransaction? tx, long id, CancellationToken ct) =>
        (await c.QueryFirstOrDefaultAsync<IncidentRow>(new CommandDefinition(IncidentRow.Select + " WHERE id = @id;", new { id }, tx, cancellationToken: ct)))?.ToIncident();

    /// <summary>
    /// Writes the incident's moving fields and queues (or coalesces into a waiting row) the edit of its message. Returns
    /// the action of the waiting row it was folded into (a send not yet delivered, or an edit), or null for a new edit.
    /// </summary>
    public static async Task<OutboxAction?> SaveAndEditAsync(SqliteConnection c, DbTransaction tx, Incident incident, DateTimeOffset now, TextCatalog texts, CancellationToken ct)
    {
        var message = IncidentText.Message(incident, texts) with { ChatId = incident.ChatId };
        await c.ExecuteAsync(new CommandDefinition(IncidentRow.Update, IncidentRow.Args(incident, now, message.Html), tx, cancellationToken: ct));
        var pending = await c.QueryFirstOrDefaultAsync<PendingRow>(new CommandDefinition(Pending, new { incident.Id }, tx, cancellationToken: ct));
        if (pending is { } row)
        {
            await c.ExecuteAsync(new CommandDefinition(
                Rewrite,
                new { Row = row.Id, message.Html, Severity = (int)message.Severity, message.Silent, Buttons = OutboxSql.WriteButtons(message.Buttons) },
                tx,
                cancellationToken: ct));
            return (OutboxAction)row.Action;
        }

        await OutboxSql.InsertAsync(c, tx, message, now, ct, OutboxAction.Edit, incident.Id);
        return null;
    }

    private static async Task OpenIncidentAsync(SqliteConnection c, DbTransaction tx, IncidentNotice n, long? chatId, DateTimeOffset now, TextCatalog texts, CancellationToken ct)
    {
        var draft = new Incident(0, n.Node, n.Tags, n.RuleId, n.Series, n.Security, n.Severity, n.Severity, n.FiringSince,
            n.FiringSince ?? now, null, n.Detail, null, null, null, null, null, chatId, null)
        { Details = n.Details };
        var id = await c.ExecuteScalarAsync<long>(new CommandDefinition(IncidentRow.Insert, IncidentRow.Args(draft, now), tx, cancellationToken: ct));
        var incident = draft with { Id = id };
        var message = IncidentText.Message(incident, texts) with { ChatId = chatId };
        await c.ExecuteAsync(new CommandDefinition(IncidentRow.Update, IncidentRow.Args(incident, now, message.Html), tx, cancellationToken: ct));
        await OutboxSql.InsertAsync(c, tx, message, now, ct, OutboxAction.Send, id);
    }

    private static Task<long> ReplyAsync(SqliteConnection c, DbTransaction tx, Incident incident, string html, Severity severity, DateTimeOffset now, CancellationToken ct) =>
        OutboxSql.InsertAsync(c, tx, new OutboxMessage(MessageKind.Alert, severity, html, incident.ChatId), now, ct, OutboxAction.Reply, incident.Id);

    private static async Task<Incident?> OpenAsync(SqliteConnection c, DbTransaction tx, string node, string rule, string series, CancellationToken ct) =>
        (await c.QueryFirstOrDefaultAsync<IncidentRow>(new CommandDefinition(
            IncidentRow.Select + " WHERE node = @node AND rule_id = @rule AND series = @series AND resolved_at IS NULL;",
            new { node, rule, series },
            tx,
            cancellationToken: ct)))?.ToIncident();

    private sealed record PendingRow(long Id, long Action);
}
