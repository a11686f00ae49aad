namespace ChatOpsWatch.Infrastructure.Chat.NodeAdmin;

/// <summary>
/// What /addnode needs to know of the running fleet, implemented by the host: which names the configuration file
/// owns, which login keys it names, and how to make the pollers follow the chat-added nodes.
/// </summary>
public interface INodeFleet
{
    /// <summary>Whether the configuration file has a node of this name (case-insensitive): such a node is never added or removed from chat.</summary>
    bool IsConfigured(string name);

    /// <summary>Whether the configuration names a usable login key of this name (Ssh:Keys:&lt;name&gt;).</summary>
    bool HasKey(string keyName);

    /// <summary>Re-reads the chat-added nodes and (un)schedules their polls. Throws on a store failure.</summary>
    Task NodesChangedAsync(CancellationToken ct);
}
