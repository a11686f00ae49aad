using ChatOpsWatch.Domain.Chat;
using ChatOpsWatch.Domain.Ports;

namespace ChatOpsWatch.Infrastructure.Chat.Commands;

/// <summary>What a /mute or /maint target may name: the fleet's node names, tag values and rule ids.</summary>
internal static class FleetTargets
{
    public static async Task<MuteTargets> KnownAsync(IMonitorStore fleet, CancellationToken ct)
    {
        var nodes = await fleet.FleetAsync(ct);
        var rules = new HashSet<string>(StringComparer.Ordinal);
        foreach (var n in nodes)
        {
            rules.UnionWith(n.Firing.Select(f => f.RuleId));
            rules.UnionWith((await fleet.LoadEngineStatesAsync(n.Node.Name, ct)).Select(e => e.RuleId));
        }

        IReadOnlySet<string> Tag(Func<Domain.Nodes.NodeInfo, string> of) => nodes.Select(n => of(n.Node)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return new MuteTargets(
            nodes.Select(n => n.Node.Name).ToHashSet(StringComparer.OrdinalIgnoreCase),
            new Dictionary<string, IReadOnlySet<string>>
            {
                ["provider"] = Tag(n => n.Provider),
                ["region"] = Tag(n => n.Region),
                ["role"] = Tag(n => n.Role.ToString().ToLowerInvariant()),
            },
            rules);
    }
}
