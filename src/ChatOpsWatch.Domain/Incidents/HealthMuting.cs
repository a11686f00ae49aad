using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Domain.Engine.Policy;
using ChatOpsWatch.Domain.Nodes;
using ChatOpsWatch.Domain.Notifications;

namespace ChatOpsWatch.Domain.Incidents;

/// <summary>
/// Silences and maintenance windows for node-health messages (unreachable, probe output), which
/// <see cref="NodeMonitor"/> judges without a policy. A held message's state is still committed; an incident whose
/// alert stops firing while muted is closed quietly (<see cref="IncidentLifecycle.Follow"/>). A changed SSH host key is never held: it may be
/// an attack, and a silence set for planned work must not hide it.
/// </summary>
public static class HealthMuting
{
    public static IReadOnlyList<OutboxMessage> Filter(NodeInfo node, IReadOnlyList<OutboxMessage> messages, PolicyContext policy, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(messages);
        ArgumentNullException.ThrowIfNull(policy);
        var tags = new Dictionary<string, string>
        {
            ["provider"] = node.Provider,
            ["region"] = node.Region,
            ["role"] = node.Role.ToString().ToLowerInvariant(),
        };
        return [.. messages.Where(m => !Muted(m, node, tags, policy, now))];
    }

    private static bool Muted(OutboxMessage message, NodeInfo node, Dictionary<string, string> tags, PolicyContext policy, DateTimeOffset now)
    {
        if (message.Incident is not { } notice || notice.Security || notice.RuleId == NodeMonitor.HostKeyRuleId)
        {
            return false;
        }

        var labels = new AlertLabels(node.Name, notice.RuleId, tags);
        return policy.Silences.Any(s => s.Mutes(labels, now)) || policy.Windows.Any(w => w.Covers(labels, now));
    }
}
