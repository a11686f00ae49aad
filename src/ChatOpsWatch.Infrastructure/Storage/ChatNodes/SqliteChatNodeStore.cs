using System.Data.Common;
using ChatOpsWatch.Domain.Chat.NodeAdmin;
using ChatOpsWatch.Domain.Nodes;
using Dapper;
using Microsoft.Data.Sqlite;

namespace ChatOpsWatch.Infrastructure.Storage.ChatNodes;

/// <summary>Chat-added nodes (schema v8) and their audit rows in the audit table of v5.</summary>
public sealed class SqliteChatNodeStore(SqliteDatabase db) : IChatNodeStore
{
    public Task<IReadOnlyList<ChatNode>> ActiveAsync(CancellationToken ct) =>
        db.RunAsync<IReadOnlyList<ChatNode>>(
            "reading the chat-added nodes",
            async c => [.. (await c.QueryAsync<Row>(new CommandDefinition(
                    """
                    SELECT name AS Name, ssh_user AS SshUser, host AS Host, port AS Port, provider AS Provider, region AS Region,
                           role AS Role, key_name AS KeyName, host_key_algorithm AS Algorithm, host_key_fingerprint AS Fingerprint,
                           added_by AS AddedBy, added_at AS AddedAt
                    FROM chat_nodes WHERE removed_at IS NULL ORDER BY name;
                    """,
                    cancellationToken: ct)))
                .Select(r => r.ToNode())],
            ct);

    public Task<bool> AuditAsync(NodeAuditEntry entry, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return db.InTransactionAsync(
            $"auditing {entry.Action} by {entry.Who}",
            async (c, tx) => !await SeenAsync(c, tx, entry.UpdateId, ct) && await InsertAuditAsync(c, tx, entry, ct),
            ct);
    }

    public Task<bool> AddAsync(ChatNode node, NodeAuditEntry entry, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(entry);
        var s = node.Spec;
        return db.InTransactionAsync(
            $"adding node '{s.Name}'",
            async (c, tx) =>
            {
                if (await SeenAsync(c, tx, entry.UpdateId, ct))
                {
                    return false;
                }

                await c.ExecuteAsync(new CommandDefinition(
                    """
                    INSERT INTO chat_nodes (name, ssh_user, host, port, provider, region, role, key_name, host_key_algorithm, host_key_fingerprint, added_by, added_at)
                    VALUES (@Name, @User, @Host, @Port, @Provider, @Region, @Role, @KeyName, @Algorithm, @Fingerprint, @AddedBy, @AddedAt)
                    ON CONFLICT (name) DO UPDATE SET
                        ssh_user = excluded.ssh_user, host = excluded.host, port = excluded.port, provider = excluded.provider,
                        region = excluded.region, role = excluded.role, key_name = excluded.key_name,
                        host_key_algorithm = excluded.host_key_algorithm, host_key_fingerprint = excluded.host_key_fingerprint,
                        added_by = excluded.added_by, added_at = excluded.added_at, removed_by = NULL, removed_at = NULL;
                    """,
                    new
                    {
                        s.Name,
                        s.User,
                        s.Host,
                        s.Port,
                        s.Provider,
                        s.Region,
                        Role = (int)s.Role,
                        s.KeyName,
                        Algorithm = node.HostKeyAlgorithm,
                        Fingerprint = node.HostKeyFingerprint,
                        node.AddedBy,
                        AddedAt = UnixMs.Of(node.AddedAt),
                    },
                    tx,
                    cancellationToken: ct));
                return await InsertAuditAsync(c, tx, entry, ct);
            },
            ct);
    }

    public Task<bool> RemoveAsync(string name, NodeAuditEntry entry, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return db.InTransactionAsync(
            $"removing node '{name}'",
            async (c, tx) =>
            {
                if (await SeenAsync(c, tx, entry.UpdateId, ct))
                {
                    return false;
                }

                var changed = await c.ExecuteAsync(new CommandDefinition(
                    "UPDATE chat_nodes SET removed_by = @Who, removed_at = @At WHERE name = @name AND removed_at IS NULL;",
                    new { entry.Who, At = UnixMs.Of(entry.At), name },
                    tx,
                    cancellationToken: ct));
                return changed > 0 && await InsertAuditAsync(c, tx, entry, ct);
            },
            ct);
    }

    /// <summary>Inside the IMMEDIATE transaction, so two deliveries of one update cannot both pass.</summary>
    private static async Task<bool> SeenAsync(SqliteConnection c, DbTransaction tx, long updateId, CancellationToken ct) =>
        await c.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM audit WHERE update_id = @updateId;", new { updateId }, tx, cancellationToken: ct)) > 0;

    private static async Task<bool> InsertAuditAsync(SqliteConnection c, DbTransaction tx, NodeAuditEntry e, CancellationToken ct) =>
        await c.ExecuteAsync(new CommandDefinition(
            "INSERT INTO audit (at, who, action, what, why, update_id) VALUES (@At, @Who, @Action, @What, @Why, @UpdateId);",
            new { At = UnixMs.Of(e.At), e.Who, e.Action, e.What, e.Why, e.UpdateId },
            tx,
            cancellationToken: ct)) > 0;

    private sealed record Row
    {
        public string Name { get; init; } = "";

        public string SshUser { get; init; } = "";

        public string Host { get; init; } = "";

        public long Port { get; init; }

        public string Provider { get; init; } = "";

        public string Region { get; init; } = "";

        public long Role { get; init; }

        public string KeyName { get; init; } = "";

        public string Algorithm { get; init; } = "";

        public string Fingerprint { get; init; } = "";

        public string AddedBy { get; init; } = "";

        public long AddedAt { get; init; }

        public ChatNode ToNode() => new(
            new NodeAddRequest(Name, SshUser, Host, (int)Port, Provider, Region, (NodeRole)Role, KeyName),
            Algorithm,
            Fingerprint,
            AddedBy,
            UnixMs.At(AddedAt));
    }
}
