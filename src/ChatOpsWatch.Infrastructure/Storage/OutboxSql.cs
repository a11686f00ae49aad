using System.Data.Common;
using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Domain.Notifications;
using Dapper;
using Microsoft.Data.Sqlite;

namespace ChatOpsWatch.Infrastructure.Storage;

/// <summary>The outbox insert, shared by every store that enqueues inside its own transaction.</summary>
internal static class OutboxSql
{
    private const string Insert = """
        INSERT INTO outbox (kind, severity, chat_id, html, silent, created_at, not_before)
        VALUES (@Kind, @Severity, @ChatId, @Html, @Silent, @At, @At)
        RETURNING id;
        """;

    /// <summary>Rejects a message that could never be delivered, before any transaction starts.</summary>
    public static void Validate(OutboxMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!Enum.IsDefined(message.Kind))
        {
            throw new ArgumentException($"Unknown message kind {(int)message.Kind}.", nameof(message));
        }

        if (!Enum.IsDefined(message.Severity))
        {
            throw new ArgumentException($"Unknown severity {(int)message.Severity}.", nameof(message));
        }

        if (string.IsNullOrWhiteSpace(message.Html))
        {
            throw new ArgumentException("A message needs text; Telegram refuses empty messages.", nameof(message));
        }
    }

    public static Task<long> InsertAsync(
        SqliteConnection connection, DbTransaction? tx, OutboxMessage message, DateTimeOffset now, CancellationToken ct) =>
        connection.ExecuteScalarAsync<long>(new CommandDefinition(
            Insert,
            new
            {
                Kind = (int)message.Kind,
                Severity = (int)message.Severity,
                message.ChatId,
                message.Html,
                message.Silent,
                At = UnixMs.Of(now),
            },
            tx,
            cancellationToken: ct));

    public static OutboxMessage ToMessage(long kind, long severity, string html, long? chatId) =>
        new((MessageKind)kind, (Severity)severity, html, chatId);
}
