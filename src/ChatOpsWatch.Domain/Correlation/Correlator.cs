using ChatOpsWatch.Domain.Nodes;
using ChatOpsWatch.Domain.Notifications;
using ChatOpsWatch.Domain.Text;

namespace ChatOpsWatch.Domain.Correlation;

/// <summary>The next state and the messages one step causes.</summary>
public sealed record CorrelationStep(CorrelationState Next, IReadOnlyList<OutboxMessage> Messages)
{
    public bool Changed(CorrelationState previous) => Messages.Count > 0 || !Same(previous, Next);

    private static bool Same(CorrelationState a, CorrelationState b) =>
        a.IsolatedSince == b.IsolatedSince
        && a.Down.Count == b.Down.Count && a.Down.All(d => b.Down.TryGetValue(d.Key, out var o) && o == d.Value)
        && a.Groups.Count == b.Groups.Count && a.Groups.Zip(b.Groups).All(p => p.First.Key == p.Second.Key && p.First.Members.SequenceEqual(p.Second.Members));
}

/// <summary>
/// Decides what the fleet's reachability news is, as a whole: per-node "down"/"reachable again" messages, group outages
/// (one message when a provider or region goes down, one when it is back), and monitor isolation (one message when the
/// monitor's own canaries fail while nodes fail, and no node alerts until they answer again). Pure and level-driven: it
/// reads each node's current reachability, so a step repeated or resumed after a restart converges on the same news.
/// A node without a report (not polled since the start) keeps whatever it had.
/// </summary>
public static class Correlator
{
    public static CorrelationStep Step(CorrelationState state, CorrelationInput input, CorrelationOptions options, TextCatalog text, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(options);
        var say = new CorrelationMessages(text);
        var messages = new List<OutboxMessage>();
        var down = new Dictionary<string, TrackedDown>(state.Down, StringComparer.Ordinal);
        var groups = state.Groups.ToDictionary(g => g.Key, StringComparer.Ordinal);
        var fleet = input.Fleet.ToDictionary(n => n.Name, StringComparer.Ordinal);
        var isolatedSince = Isolation(state, input, down, now, say, messages);

        Recoveries(input, down, fleet, now, say, messages);
        NewDowns(input, down, groups, fleet, isolatedSince is not null, now, say, messages);
        Outages(options, down, groups, fleet, now, say, messages);
        if (isolatedSince is null)
        {
            GroupOutages.Open(input, options, down, groups, now, say, messages);
            Release(input, options, down, now, say, messages);
        }

        var next = new CorrelationState(down, [.. groups.Values.OrderBy(g => g.OpenedAt).ThenBy(g => g.Key, StringComparer.Ordinal)], isolatedSince);
        return new CorrelationStep(next, messages);
    }

    /// <summary>Enters isolation when every canary failed while nodes are down; leaves it once a canary answers.</summary>
    private static DateTimeOffset? Isolation(CorrelationState state, CorrelationInput input, Dictionary<string, TrackedDown> down, DateTimeOffset now, CorrelationMessages say, List<OutboxMessage> messages)
    {
        var canaries = input.Canaries;
        if (state.IsolatedSince is { } since)
        {
            if (!canaries.Healthy)
            {
                return since;
            }

            messages.Add(say.Restored(now - since));
            foreach (var (name, d) in down.Where(d => d.Value.Status == DownStatus.Isolated).ToList())
            {
                // Normal evaluation resumes: a node still down gets a fresh hold; one back up was never announced.
                down[name] = d with { Since = now, Status = DownStatus.Held };
            }

            return null;
        }

        var failing = input.Reports.Values.Count(r => r.Down);
        if (!canaries.AllFailed || failing == 0)
        {
            return null;
        }

        messages.Add(say.Isolated(canaries.Failed, failing));
        foreach (var (name, d) in down.Where(d => d.Value.Status == DownStatus.Held).ToList())
        {
            down[name] = d with { Status = DownStatus.Isolated };
        }

        return now;
    }

    /// <summary>
    /// A node back up: a held or isolated down is forgotten (never announced), a sent one is resolved, and a member of an
    /// outage is marked <see cref="DownStatus.Recovered"/>, to be told inside the outage (see <see cref="Outages"/>).
    /// </summary>
    private static void Recoveries(CorrelationInput input, Dictionary<string, TrackedDown> down, Dictionary<string, NodeInfo> fleet, DateTimeOffset now, CorrelationMessages say, List<OutboxMessage> messages)
    {
        foreach (var (name, d) in down.ToList())
        {
            var removed = !fleet.ContainsKey(name);
            if (d.Status == DownStatus.Recovered || (!removed && !(input.Reports.TryGetValue(name, out var report) && !report.Down)))
            {
                continue;
            }

            if (d.Status == DownStatus.Grouped && !removed)
            {
                down[name] = d with { Status = DownStatus.Recovered, Since = now };
                continue;
            }

            down.Remove(name);
            if (d.Status == DownStatus.Sent && !removed)
            {
                messages.Add(say.NodeBack(fleet[name], now - d.Since, d.PathProblem));
            }
        }
    }

    /// <summary>
    /// Closes an outage with one message once every member is back. Members that come back while others stay down are
    /// told inside it, in one message per step, after <see cref="CorrelationOptions.Hold"/>: nodes return at different
    /// poll instants, and a whole group coming back within the hold gets the single resolution only.
    /// </summary>
    private static void Outages(CorrelationOptions options, Dictionary<string, TrackedDown> down, Dictionary<string, GroupIncident> groups, Dictionary<string, NodeInfo> fleet, DateTimeOffset now, CorrelationMessages say, List<OutboxMessage> messages)
    {
        foreach (var group in groups.Values.ToList())
        {
            var members = down.Values.Where(d => d.Group == group.Key).ToList();
            var stillDown = members.Count(d => d.Status == DownStatus.Grouped);
            if (stillDown == 0)
            {
                groups.Remove(group.Key);
                members.ForEach(m => down.Remove(m.Node));
                var size = fleet.Values.Where(n => GroupOutages.Tag(n, group.Tag) == group.Value).Select(n => n.Name).ToList();
                messages.Add(say.GroupResolved(group, size.Count, size.Count(n => !down.ContainsKey(n)), now - group.OpenedAt));
                messages.AddRange(members.Where(m => m.Announced && fleet.ContainsKey(m.Node)).Select(m => say.NodeClosed(fleet[m.Node])));
                continue;
            }

            var back = members.Where(d => d.Status == DownStatus.Recovered && now - d.Since >= options.Hold).Select(d => d.Node).Order(StringComparer.Ordinal).ToList();
            if (back.Count > 0)
            {
                var announced = back.Where(n => down[n].Announced && fleet.ContainsKey(n)).ToList();
                back.ForEach(n => down.Remove(n));
                messages.Add(say.GroupMembersBack(group, back, stillDown));
                messages.AddRange(announced.Select(n => say.NodeClosed(fleet[n])));
            }
        }
    }

    private static void NewDowns(CorrelationInput input, Dictionary<string, TrackedDown> down, Dictionary<string, GroupIncident> groups, Dictionary<string, NodeInfo> fleet, bool isolated, DateTimeOffset now, CorrelationMessages say, List<OutboxMessage> messages)
    {
        var joined = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var report in input.Reports.Values.Where(r => r.Down && fleet.ContainsKey(r.Node.Name)).OrderBy(r => r.Node.Name, StringComparer.Ordinal))
        {
            var name = report.Node.Name;
            if (down.TryGetValue(name, out var known))
            {
                if (known.Status == DownStatus.Recovered)
                {
                    // Back and down again before its return was told: the outage still speaks for it.
                    down[name] = known with { Status = DownStatus.Grouped };
                }

                continue;
            }

            if (isolated)
            {
                down[name] = new TrackedDown(name, now, DownStatus.Isolated);
                continue;
            }

            // A late joiner of an open outage is folded in at once: the incident already speaks for its group.
            if (groups.Values.FirstOrDefault(g => GroupOutages.Tag(report.Node, g.Tag) == g.Value) is { } group)
            {
                down[name] = new TrackedDown(name, now, DownStatus.Grouped, group.Key);
                groups[group.Key] = group with { Members = [.. group.Members, name] };
                (joined.TryGetValue(group.Key, out var list) ? list : joined[group.Key] = []).Add(name);
                continue;
            }

            down[name] = new TrackedDown(name, now, DownStatus.Held);
        }

        foreach (var (key, names) in joined)
        {
            messages.Add(say.GroupJoined(groups[key], names, down.Values.Count(d => d.Group == key)));
        }
    }

    /// <summary>
    /// Sends every held "down" whose hold has run out without a group forming, and, after <see cref="CorrelationOptions.Settle"/>,
    /// every down that is alone: no other node of its region or provider is down or failing, so no group can be forming
    /// and holding it longer would only make it late. With canaries configured, a lone down still waits until the canaries were checked after it, so the
    /// monitor's own isolation is told instead of a node's down.
    /// </summary>
    private static void Release(CorrelationInput input, CorrelationOptions options, Dictionary<string, TrackedDown> down, DateTimeOffset now, CorrelationMessages say, List<OutboxMessage> messages)
    {
        var held = down.Where(d => d.Value.Status == DownStatus.Held).OrderBy(d => d.Key, StringComparer.Ordinal).ToList();
        foreach (var (name, d) in held)
        {
            if (!input.Reports.TryGetValue(name, out var report))
            {
                continue;
            }

            if (now - d.Since >= options.Hold || (now - d.Since >= options.Settle && Alone(report.Node, input, down) && CanariesSeen(input.Canaries, d.Since)))
            {
                down[name] = d with { Status = DownStatus.Sent, PathProblem = report.Vantage == VantageVerdict.Reachable };
                messages.Add(say.NodeDown(report));
            }
        }
    }

    /// <summary>
    /// Every other node sharing <paramref name="node"/>'s region or provider is known to be fine: not down (in any state),
    /// not failing, and reported since the start (a peer not polled yet may be failing too).
    /// </summary>
    private static bool Alone(NodeInfo node, CorrelationInput input, Dictionary<string, TrackedDown> down) =>
        !input.Fleet.Any(peer => peer.Name != node.Name
            && (peer.Region == node.Region || peer.Provider == node.Provider)
            && (down.ContainsKey(peer.Name) || !input.Reports.TryGetValue(peer.Name, out var r) || r.Down || r.Failing));

    private static bool CanariesSeen(CanaryStatus canaries, DateTimeOffset downSince) =>
        canaries.Targets.Count == 0 || (canaries.CheckedAt is { } at && at >= downSince && canaries.Healthy);
}
