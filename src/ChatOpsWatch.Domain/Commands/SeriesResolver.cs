using ChatOpsWatch.Domain.Samples;

namespace ChatOpsWatch.Domain.Commands;

/// <summary>
/// Finds the stored series a user meant. Exact keys match first; otherwise the name must match and every label
/// given must equal the stored one, so <c>disk.used_pct{mount=/data}</c> finds <c>disk.used_pct{kind=data,mount=/data}</c>.
/// Pure; the requested text is only ever compared, never used as a key itself.
/// </summary>
public static class SeriesResolver
{
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
