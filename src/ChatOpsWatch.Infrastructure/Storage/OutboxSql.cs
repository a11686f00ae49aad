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
        INSERT INTO outbox (kind, severity, chat_id, html, silent, created_at, not_before, photo)
        VALUES (@Kind, @Severity, @ChatId, @Html, @Silent, @At, @At, @Photo)
        RETURNING id;
        """;

    /// <summary>Telegram's limit for a photo sent by upload.</summary>
    public const int MaxPhotoBytes = 10 * 1024 * 1024;

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

        if (message.Photo is { Length: 0 or > MaxPhotoBytes })
        {
            throw new ArgumentException($"A photo must be 1 byte to {MaxPhotoBytes} bytes (Telegram's limit), got {message.Photo.Length}.", nameof(message));
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
                message.Photo,
            },
            tx,
            cancellationToken: ct));

    public static OutboxMessage ToMessage(long kind, long severity, string html, long? chatId, byte[]? photo = null) =>
        new((MessageKind)kind, (Severity)severity, html, chatId) { Photo = photo };
}
