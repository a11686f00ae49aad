using ChatOpsWatch.Domain.Nodes;
using ChatOpsWatch.Domain.Notifications;

namespace ChatOpsWatch.Domain.Correlation;

/// <summary>Finds provider and region outages among the downs that are held (or were sent within the window).</summary>
internal static class GroupOutages
{
    public const string Provider = "provider";
    public const string Region = "region";

    public static string Tag(NodeInfo node, string tag) => tag == Provider ? node.Provider : node.Region;

    /// <summary>
    /// Opens an incident for every provider or region whose recent downs reach the threshold, once the oldest held
    /// down of that group has waited its hold (so the nodes that fail a few polls later are in the first message).
    /// Bigger outages are opened first, and a node belongs to one incident only.
    /// </summary>
    public static void Open(CorrelationInput input, CorrelationOptions options, Dictionary<string, TrackedDown> down, Dictionary<string, GroupIncident> groups, DateTimeOffset now, CorrelationMessages say, List<OutboxMessage> messages)
    {
        var candidates = new List<(string Tag, string Value, List<TrackedDown> Downs, int Size)>();
        foreach (var tag in new[] { Region, Provider })
        {
            foreach (var group in input.Fleet.GroupBy(n => Tag(n, tag), StringComparer.Ordinal))
            {
                var members = group.Select(n => n.Name).ToHashSet(StringComparer.Ordinal);
                var held = down.Values.Where(d => members.Contains(d.Node) && d.Status == DownStatus.Held).ToList();
                var start = held.Count == 0 ? now : held.Min(d => d.Since);
                // A node announced alone shortly before the others went down belongs to their outage too.
                var recent = held.Concat(down.Values.Where(d => members.Contains(d.Node) && d.Status == DownStatus.Sent && start - d.Since <= options.Window)).ToList();
                candidates.Add((tag, group.Key, recent, members.Count));
            }
        }

        // Ties go to the region: it says more about where the fault is than the provider.
        foreach (var c in candidates.OrderByDescending(c => c.Downs.Count).ThenBy(c => c.Tag == Region ? 0 : 1).ThenBy(c => c.Value, StringComparer.Ordinal))
        {
            var downs = c.Downs.Where(d => down[d.Node].Status is DownStatus.Held or DownStatus.Sent).ToList();
            var held = downs.Where(d => d.Status == DownStatus.Held).ToList();
            if (downs.Count < options.Threshold(c.Size) || held.Count == 0 || now - held.Min(d => d.Since) < options.Hold
                || groups.ContainsKey(GroupIncident.KeyOf(c.Tag, c.Value)))
            {
                continue;
            }

            var names = downs.Select(d => d.Node).Order(StringComparer.Ordinal).ToList();
            // The outage started with its first down, not when the hold let it be announced.
            var incident = new GroupIncident(c.Tag, c.Value, downs.Min(d => d.Since), c.Size, names);
            groups[incident.Key] = incident;
            foreach (var name in names)
            {
                down[name] = down[name] with { Status = DownStatus.Grouped, Group = incident.Key, Announced = down[name].Status == DownStatus.Sent };
            }

            messages.Add(say.GroupOpened(incident, names.Select(n => input.Reports.TryGetValue(n, out var r) ? r : null).OfType<NodeReport>().ToList()));
        }
    }
}
