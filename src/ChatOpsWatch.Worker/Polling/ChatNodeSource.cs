using ChatOpsWatch.Infrastructure.Ssh;
using ChatOpsWatch.Domain.Chat.NodeAdmin;
using ChatOpsWatch.Worker.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace ChatOpsWatch.Worker.Polling;

/// <summary>
/// The nodes added from the chat, as nodes to poll. The configuration file wins a name clash (/addnode refuses one,
/// but the file may gain the name later). A node whose login key is no longer configured is left out, loudly.
/// </summary>
public sealed class ChatNodeSource(IChatNodeStore store, IConfiguration configuration, ILogger<ChatNodeSource> log)
{
    /// <summary>The configured nodes followed by the chat-added ones. Throws StorageException when the store cannot be read.</summary>
    public async Task<IReadOnlyList<NodeConfig>> MergeAsync(IReadOnlyList<NodeConfig> configured, CancellationToken ct)
    {
        var names = configured.Select(n => n.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var merged = configured.ToList();
        foreach (var node in await store.ActiveAsync(ct))
        {
            if (names.Contains(node.Name))
            {
                log.LogWarning("Chat-added node {Node} has the name of a configured node: the configuration wins", node.Name);
                continue;
            }

            var key = NodeAdminReader.Find(configuration, node.Spec.KeyName, Environment.GetEnvironmentVariable);
            if (key is null)
            {
                log.LogError("Chat-added node {Node} uses the login key '{Key}', which is not configured ({Path}:{Key}): not polled", node.Name, node.Spec.KeyName, NodeAdminReader.KeysPath, node.Spec.KeyName);
                continue;
            }

            var s = node.Spec;
            merged.Add(new NodeConfig(s.Info, new SshTarget(s.Name, s.Host, s.Port, s.User, key)));
        }

        return merged;
    }
}
