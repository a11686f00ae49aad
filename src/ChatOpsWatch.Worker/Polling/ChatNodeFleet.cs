using ChatOpsWatch.Worker.Configuration;
using Microsoft.Extensions.Configuration;
using ChatOpsWatch.Infrastructure.Chat.NodeAdmin;

namespace ChatOpsWatch.Worker.Polling;

/// <summary>The running fleet as /addnode sees it: the configuration file's names and keys, and the scheduler.</summary>
public sealed class ChatNodeFleet(ConfigHolder config, IConfiguration configuration, NodeScheduler scheduler) : INodeFleet
{
    public bool IsConfigured(string name) =>
        config.Current.Nodes.Any(n => string.Equals(n.Name, name, StringComparison.OrdinalIgnoreCase));

    public bool HasKey(string keyName) => NodeAdminReader.Find(configuration, keyName, Environment.GetEnvironmentVariable) is not null;

    public Task NodesChangedAsync(CancellationToken ct) => scheduler.RefreshAsync(ct);
}
