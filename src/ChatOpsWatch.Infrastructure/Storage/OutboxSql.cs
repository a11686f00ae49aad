using System.Data.Common;
using System.Text.Json;
using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Domain.Notifications;
using Dapper;
using Microsoft.Data.Sqlite;

namespace ChatOpsWatch.Infrastructure.Storage;

/// <summary>The outbox insert, shared by every store that enqueues inside its own transaction.</summary>
internal static class OutboxSql
{
    private const string Insert = """
        INSERT INTO outbox (kind, severity, chat_id, html, silent, created_at, not_before, thread_id, buttons, reply_to, action, incident_id, photo)
        VALUES (@Kind, @Severity, @ChatId, @Html, @Silent, @At, @At, @ThreadId, @Buttons, @ReplyTo, @Action, @IncidentId, @Photo)
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

        if (message.Buttons?.SelectMany(r => r).FirstOrDefault(b => string.IsNullOrWhiteSpace(b.Text) || Domain.Chat.CallbackData.TryDecode(b.Data) is null) is { } bad)
        {
            throw new ArgumentException($"The button '{bad.Text}' has no label or callback data Telegram would take ('{bad.Data}').", nameof(message));
        }
    }

    public static Task<long> InsertAsync(
        SqliteConnection connection, DbTransaction? tx, OutboxMessage message, DateTimeOffset now, CancellationToken ct,
        OutboxAction action = OutboxAction.Send, long? incidentId = null) =>
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
                message.ThreadId,
                Buttons = WriteButtons(message.Buttons),
                ReplyTo = message.ReplyToMessageId,
                Action = (int)action,
                IncidentId = incidentId,
            },
            tx,
            cancellationToken: ct));

    public static OutboxMessage ToMessage(long kind, long severity, string html, long? chatId, long? threadId = null, string? buttons = null, long? replyTo = null, byte[]? photo = null) =>
        new((MessageKind)kind, (Severity)severity, html, chatId)
        {
            ThreadId = threadId is { } t ? checked((int)t) : null,
            Buttons = ReadButtons(buttons),
            ReplyToMessageId = replyTo,
            Photo = photo,
        };

    public static string? WriteButtons(IReadOnlyList<IReadOnlyList<InlineButton>>? buttons) =>
        buttons is null or { Count: 0 } ? null : JsonSerializer.Serialize(buttons);

    private static List<List<InlineButton>>? ReadButtons(string? json) =>
        json is null ? null : JsonSerializer.Deserialize<List<List<InlineButton>>>(json);
}
