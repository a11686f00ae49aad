using System.Text;

namespace ChatOpsWatch.Domain.Samples;

/// <summary>
/// A metric key is a name plus optional labels in a canonical form: <c>name{a=1,b=2}</c>, labels
/// sorted by key. Label values may not contain ',', '=', '{' or '}'; those are replaced by '_'.
/// </summary>
public static class MetricKey
{
    public static string Format(string name, params (string Key, string Value)[] labels)
    {
        if (labels.Length == 0)
        {
            return name;
        }

        var sb = new StringBuilder(name).Append('{');
        var first = true;
        foreach (var (key, value) in labels.OrderBy(l => l.Key, StringComparer.Ordinal))
        {
            if (!first)
            {
                sb.Append(',');
            }

            sb.Append(key).Append('=').Append(Clean(value));
            first = false;
        }

        return sb.Append('}').ToString();
    }

    /// <summary>The metric name without labels.</summary>
    public static string NameOf(string key)
    {
        var brace = key.IndexOf('{', StringComparison.Ordinal);
        return brace < 0 ? key : key[..brace];
    }

    /// <summary>One label's value, or null when the key has no such label.</summary>
    /// <summary>
    /// Which one of a node's several watched things a series is, as an alert names it: the process, the HTTP check, or
    /// the port and probe method ("tcp 443"); null for a series a node has once (or a disk, named by its mount).
    /// </summary>
    public static string? Instance(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var (port, method) = (Label(key, "port"), Label(key, "method"));
        var probe = method is null ? port : port is null ? method : $"{method} {port}";
        return Label(key, "name") ?? Label(key, "check") ?? probe;
    }

    public static string? Label(string key, string label)
    {
        var brace = key.IndexOf('{', StringComparison.Ordinal);
        if (brace < 0 || !key.EndsWith('}'))
        {
            return null;
        }

        foreach (var pair in key[(brace + 1)..^1].Split(','))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0 && pair.AsSpan(0, eq).SequenceEqual(label))
            {
                return pair[(eq + 1)..];
            }
        }

        return null;
    }

    private static string Clean(string value)
    {
        var chars = value.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (chars[i] is ',' or '=' or '{' or '}')
            {
                chars[i] = '_';
            }
        }

        return new string(chars);
    }
}
