using System.Text;
using ChatOpsWatch.Domain.Notifications;
using ChatOpsWatch.Domain.Ports;
using ChatOpsWatch.Domain.Text;

namespace ChatOpsWatch.Domain.Status;

/// <summary>/nodes [tag]: every node (or those with the tag) with its role, provider/region, state and last sample. Pure.</summary>
public static class NodeListFormatter
{
    /// <summary>The nodes whose provider, region or role equals <paramref name="tag"/> (case-insensitive); every node for null.</summary>
    public static IReadOnlyList<NodeStatus> Filter(IReadOnlyList<NodeStatus> fleet, string? tag)
    {
        ArgumentNullException.ThrowIfNull(fleet);
        return tag is null ? fleet : [.. fleet.Where(s => Tags(s).Contains(tag, StringComparer.OrdinalIgnoreCase))];
    }

    /// <summary>Every provider, region and role value in the fleet, sorted: what a tag may be.</summary>
    public static IReadOnlyList<string> KnownTags(IReadOnlyList<NodeStatus> fleet)
    {
        ArgumentNullException.ThrowIfNull(fleet);
        return [.. fleet.SelectMany(Tags).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal)];
    }

    public static string Format(IReadOnlyList<NodeStatus> nodes, string? tag, DateTimeOffset now, TextCatalog text)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(text);
        var sb = new StringBuilder(tag is null ? text.Format("nodes.title", nodes.Count) : text.Format("nodes.title_tag", nodes.Count, Html.Escape(tag)));
        var shown = 0;
        foreach (var s in nodes.OrderBy(n => n.Node.Name, StringComparer.Ordinal))
        {
            var health = NodeHealthRules.Classify(s, now);
            var seen = s.Latest is { } latest ? StatusText.Ago(now - latest.At, text) : text["status.no_data_yet"];
            var line = "\n" + text.Format(
                "nodes.line", StatusText.Icon(health), Html.Escape(s.Node.Name), Role(s), Html.Escape($"{s.Node.Provider}/{s.Node.Region}"), StatusText.HealthName(health, text), seen);
            if (sb.Length + line.Length + 60 > FleetStatusFormatter.MaxLength)
            {
                sb.Append('\n').Append(text.Format("status.more", nodes.Count - shown));
                break;
            }

            sb.Append(line);
            shown++;
        }

        return sb.ToString();
    }

    private static string Role(NodeStatus s) => s.Node.Role.ToString().ToLowerInvariant();

    private static string[] Tags(NodeStatus s) => [s.Node.Provider, s.Node.Region, Role(s)];
}
