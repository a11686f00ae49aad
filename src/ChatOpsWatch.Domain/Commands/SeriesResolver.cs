using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Domain.Indicators;
using ChatOpsWatch.Domain.Samples;

namespace ChatOpsWatch.Domain.Commands;

/// <summary>
/// Finds the stored series a user meant. Exact keys match first; otherwise the name must match and every label
/// given must equal the stored one, so <c>disk.used_pct{mount=/data}</c> finds <c>disk.used_pct{kind=data,mount=/data}</c>.
/// A rule's id or title (<c>cpu</c>, <c>Memory</c>) stands for the rule's series, an indicator's short name in the
/// catalogue (<c>mem</c>, <c>inodes</c>) for its series, and otherwise a short name for the series of its family
/// (<c>load</c> for <c>load.*</c>), labels kept: <c>disk{mount=/data}</c> is the disk rule's series on /data.
/// Pure; the requested text is only ever compared, never used as a key itself.
/// </summary>
public static class SeriesResolver
{
    /// <summary>
    /// As <see cref="Resolve(string, IReadOnlyCollection{string})"/>; when no stored name matches, a rule's id or
    /// title (case ignored) resolves to the rule's metric, then an indicator's short name to its series, and then a short
    /// name to the series of its family.
    /// </summary>
    public static (string? Series, IReadOnlyList<string> Candidates) Resolve(string requested, IReadOnlyCollection<string> known, IReadOnlyList<ThresholdRule> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var direct = Resolve(requested, known);
        if (direct.Series is not null || direct.Candidates.Count > 0)
        {
            return direct;
        }

        var name = MetricKey.NameOf(requested);
        var suffix = requested[name.Length..];
        if (rules.FirstOrDefault(r => string.Equals(r.Id, name, StringComparison.OrdinalIgnoreCase) || string.Equals(r.Title, name, StringComparison.OrdinalIgnoreCase)) is { } rule)
        {
            return Resolve(rule.Metric + suffix, known);
        }

        if (IndicatorCatalog.All.FirstOrDefault(i => string.Equals(i.Display.ShortName, name, StringComparison.OrdinalIgnoreCase)) is { } indicator)
        {
            return Resolve(indicator.Name + suffix, known);
        }

        var labels = Labels(requested);
        var family = known
            .Where(k => MetricKey.NameOf(k).StartsWith(name.ToLowerInvariant() + ".", StringComparison.Ordinal) && labels.All(l => MetricKey.Label(k, l.Key) == l.Value))
            .Order(StringComparer.Ordinal)
            .ToList();
        return family.Count == 1 ? (family[0], family) : (null, family);
    }

    /// <summary>The one stored key meant, or null with the candidates (none: unknown; several: ambiguous).</summary>
    public static (string? Series, IReadOnlyList<string> Candidates) Resolve(string requested, IReadOnlyCollection<string> known)
    {
        ArgumentNullException.ThrowIfNull(requested);
        ArgumentNullException.ThrowIfNull(known);
        if (known.FirstOrDefault(k => string.Equals(k, requested, StringComparison.Ordinal)) is { } exact)
        {
            return (exact, [exact]);
        }

        var name = MetricKey.NameOf(requested);
        var labels = Labels(requested);
        var matches = known
            .Where(k => MetricKey.NameOf(k) == name && labels.All(l => MetricKey.Label(k, l.Key) == l.Value))
            .Order(StringComparer.Ordinal)
            .ToList();
        return matches.Count == 1 ? (matches[0], matches) : (null, matches);
    }

    private static List<KeyValuePair<string, string>> Labels(string key)
    {
        var brace = key.IndexOf('{', StringComparison.Ordinal);
        if (brace < 0 || !key.EndsWith('}'))
        {
            return [];
        }

        return [.. key[(brace + 1)..^1].Split(',')
            .Select(p => p.Split('=', 2))
            .Where(p => p.Length == 2)
            .Select(p => new KeyValuePair<string, string>(p[0], p[1]))];
    }
}
