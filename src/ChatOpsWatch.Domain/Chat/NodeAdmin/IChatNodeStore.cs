namespace ChatOpsWatch.Domain.Chat.NodeAdmin;

/// <summary>A node added from the chat, as stored: the request, the host key its admin trusted, and who added it.</summary>
public sealed record ChatNode(NodeAddRequest Spec, string HostKeyAlgorithm, string HostKeyFingerprint, string AddedBy, DateTimeOffset AddedAt)
{
    public string Name => Spec.Name;
}

/// <summary>One audit row: who did what and why, and the Telegram update that asked for it.</summary>
public sealed record NodeAuditEntry(DateTimeOffset At, string Who, string Action, string What, string? Why, long UpdateId);

/// <summary>
/// Nodes added from the chat, and the audit log of every request and decision about them. Every write names the
/// Telegram update that caused it; a second write for the same update id changes nothing and returns false, so a
/// redelivered update is never applied twice. Throws <see cref="Ports.StorageException"/> on IO failure.
/// </summary>
public interface IChatNodeStore
{
    /// <summary>The chat-added nodes being monitored (not removed), by name.</summary>
    Task<IReadOnlyList<ChatNode>> ActiveAsync(CancellationToken ct);

    /// <summary>Records <paramref name="entry"/> alone (a request, a rejection). False: the update was recorded before.</summary>
    Task<bool> AuditAsync(NodeAuditEntry entry, CancellationToken ct);

    /// <summary>Adds (or brings back) the node with its audit row in one transaction. False: the update was recorded before.</summary>
    Task<bool> AddAsync(ChatNode node, NodeAuditEntry entry, CancellationToken ct);

    /// <summary>Marks the node removed (its row stays) with its audit row. False: the update was recorded before, or no such active node.</summary>
    Task<bool> RemoveAsync(string name, NodeAuditEntry entry, CancellationToken ct);
}
