using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Domain.Nodes;
using ChatOpsWatch.Domain.Rules;
using ChatOpsWatch.Worker.Configuration;
using Microsoft.Extensions.Configuration;

namespace ChatOpsWatch.Worker.Correlation;

/// <summary>
/// Reads <c>Alerts:Overrides</c>: <c>[{ "Match": {"node": "db-1"}, "Rule": "cpu", "Warning": 90, "Critical": 97, "For": "10m", "Enabled": false }]</c>.
/// Match names exactly one of node, provider, region or role. Every problem is reported with its key path
/// (e.g. <c>ChatOpsWatch:Alerts:Overrides:2:Warning</c>), including levels that only go wrong once layered on a node's rule.
/// </summary>
internal static class OverridesReader
{
    public static List<RuleOverride> Read(ConfigReader read, IConfigurationSection list, IReadOnlySet<string> nodeNames, IReadOnlyCollection<string> ruleIds)
    {
        var overrides = new List<RuleOverride>();
        var index = 0;
        foreach (var item in list.GetChildren())
        {
            var before = read.Problems.Count;
            var match = Match(read, item, nodeNames);
            var rule = read.String(item, "Rule");
            if (rule is null)
            {
                read.Problem(item, "Rule", $"is required: one of {string.Join(", ", ruleIds)}");
            }
            else if (!ruleIds.Contains(rule))
            {
                read.Problem(item, "Rule", $"'{rule}' is not a configured rule (known: {string.Join(", ", ruleIds)})");
            }

            bool? enabled = item["Enabled"] is { Length: > 0 } ? read.Bool(item, "Enabled", true) : null;
            var o = new RuleOverride(match!, rule ?? "?", read.Double(item, "Warning"), read.Double(item, "Critical"), read.Duration(item, "For", TimeSpan.FromSeconds(1)), enabled, index++);
            if (read.Problems.Count == before)
            {
                overrides.Add(o);
            }
        }

        return overrides;
    }

    /// <summary>Checks every override on every node it matches, as layered there: a Critical below the node's Warning is caught here.</summary>
    public static void Check(ConfigReader read, IConfigurationSection list, IReadOnlyList<RuleOverride> overrides, IReadOnlyList<NodeConfig> nodes, MonitorSettings settings)
    {
        var reported = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in nodes)
        {
            foreach (var rule in settings.Rules)
            {
                var layers = overrides.Where(o => o.Rule == rule.Id && o.Match.Matches(node.Info)).OrderBy(o => o.Match.Specificity).ThenBy(o => o.Index).ToList();
                if (layers.Count == 0)
                {
                    continue;
                }

                var (effective, _) = EffectiveRules.Apply(rule, layers, node.Info.Interval);
                foreach (var (field, message) in effective.Problems())
                {
                    // Blame the last layer that set a level: that is the override to fix.
                    var culprit = layers.LastOrDefault(l => l.Critical is not null || l.Warning is not null) ?? layers[^1];
                    var key = culprit.Critical is not null ? "Critical" : "Warning";
                    if (!reported.Add($"{culprit.Index}:{key}"))
                    {
                        continue; // one report per override, not one per node it matches
                    }

                    read.Problem(list.GetSection(culprit.Index.ToString(System.Globalization.CultureInfo.InvariantCulture)), key, $"on node {node.Name}, rule {rule.Id}: {field} {message}");
                }
            }
        }
    }

    private static OverrideMatch? Match(ConfigReader read, IConfigurationSection item, IReadOnlySet<string> nodeNames)
    {
        var section = item.GetSection("Match");
        var keys = section.GetChildren().Where(c => !string.IsNullOrWhiteSpace(c.Value)).ToList();
        if (keys.Count != 1)
        {
            read.Problem(item, "Match", keys.Count == 0
                ? "is required: {\"node\": NAME}, {\"provider\": TAG}, {\"region\": TAG} or {\"role\": core|edge}"
                : $"names {keys.Count} keys ({string.Join(", ", keys.Select(k => k.Key))}); use exactly one (node, provider, region or role)");
            return null;
        }

        var key = keys[0];
        var value = key.Value!.Trim();
        OverrideScope? scope = key.Key.ToLowerInvariant() switch
        {
            "node" => OverrideScope.Node,
            "provider" => OverrideScope.Provider,
            "region" => OverrideScope.Region,
            "role" => OverrideScope.Role,
            _ => null,
        };
        switch (scope)
        {
            case null:
                read.Problem(section, key.Key, "is not a match key: use node, provider, region or role");
                return null;
            case OverrideScope.Node when !nodeNames.Contains(value):
                read.Problem(section, key.Key, $"'{value}' is not a configured node (names are case-sensitive here)");
                return null;
            case OverrideScope.Role when !Enum.TryParse<NodeRole>(value, ignoreCase: true, out _):
                read.Problem(section, key.Key, $"'{value}' is not a role: use core or edge");
                return null;
            default:
                return new OverrideMatch(scope.Value, value);
        }
    }
}
