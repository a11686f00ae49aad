using System.Globalization;
using System.Text;
using ChatOpsWatch.Domain.Samples;

namespace ChatOpsWatch.Infrastructure.Archive;

/// <summary>A node's tags in the archive: every point of the node carries them.</summary>
public sealed record ArchiveNodeTags(string Node, string Provider, string Region, string Role);

/// <summary>
/// InfluxDB line protocol for one poll (issue 14): one line per indicator family and label set, e.g.
/// <c>disk,kind=data,mount=/data,node=db-1,provider=hetzner,region=fsn,role=core used_pct=41.5,inodes_used_pct=3 1764720000000</c>.
/// The measurement is the metric name up to its first dot (<c>cpu</c>, <c>mem</c>, <c>disk</c>, <c>net</c>, <c>proc</c>, <c>http</c>…),
/// the field is the rest of the name (<c>busy_pct</c>, <c>io.read_iops</c>), the tags are node, provider, region and role
/// plus the metric's labels (a label named like one of those four is written <c>label_NAME</c>), and the timestamp is
/// the poll's time in milliseconds (precision=ms). Pure.
/// </summary>
public static class LineProtocol
{
    private static readonly string[] NodeTagKeys = ["node", "provider", "region", "role"];

    /// <summary>The lines of one sample, in a stable order (measurement, then tag set); a value that is NaN or infinite is left out (line protocol has no such float).</summary>
    public static IReadOnlyList<string> Lines(ArchiveNodeTags tags, Sample sample)
    {
        ArgumentNullException.ThrowIfNull(tags);
        ArgumentNullException.ThrowIfNull(sample);
        var groups = new SortedDictionary<(string Measurement, string Labels), List<(string Field, double Value)>>();
        foreach (var (key, value) in sample.Values)
        {
            if (!double.IsFinite(value))
            {
                continue;
            }

            var name = MetricKey.NameOf(key);
            var dot = name.IndexOf('.', StringComparison.Ordinal);
            var (measurement, field) = dot > 0 && dot < name.Length - 1 ? (name[..dot], name[(dot + 1)..]) : (name, "value");
            var labels = name.Length < key.Length ? key[(name.Length + 1)..^1] : string.Empty;
            var group = (measurement, labels);
            if (!groups.TryGetValue(group, out var fields))
            {
                fields = [];
                groups[group] = fields;
            }

            fields.Add((field, value));
        }

        var ms = sample.At.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        var lines = new List<string>(groups.Count);
        var sb = new StringBuilder(256);
        foreach (var ((measurement, labels), fields) in groups)
        {
            sb.Clear();
            AppendEscaped(sb, measurement, measurementOnly: true);
            foreach (var (k, v) in TagSet(tags, labels))
            {
                sb.Append(',');
                AppendEscaped(sb, k, measurementOnly: false);
                sb.Append('=');
                AppendEscaped(sb, v, measurementOnly: false);
            }

            var first = true;
            foreach (var (field, value) in fields.OrderBy(f => f.Field, StringComparer.Ordinal))
            {
                sb.Append(first ? ' ' : ',');
                AppendEscaped(sb, field, measurementOnly: false);
                sb.Append('=').Append(value.ToString("R", CultureInfo.InvariantCulture));
                first = false;
            }

            lines.Add(sb.Append(' ').Append(ms).ToString());
        }

        return lines;
    }

    /// <summary>The node's tags and the labels, sorted by key as InfluxDB prefers; empty values are left out (line protocol refuses them).</summary>
    private static IEnumerable<(string Key, string Value)> TagSet(ArchiveNodeTags tags, string labels)
    {
        var set = new List<(string Key, string Value)>(8)
        {
            ("node", tags.Node), ("provider", tags.Provider), ("region", tags.Region), ("role", tags.Role),
        };
        if (labels.Length > 0)
        {
            foreach (var pair in labels.Split(','))
            {
                var eq = pair.IndexOf('=', StringComparison.Ordinal);
                if (eq > 0)
                {
                    var key = pair[..eq];
                    set.Add((NodeTagKeys.Contains(key, StringComparer.Ordinal) ? "label_" + key : key, pair[(eq + 1)..]));
                }
            }
        }

        return set.Where(t => t.Value.Length > 0).OrderBy(t => t.Key, StringComparer.Ordinal);
    }

    /// <summary>
    /// Escapes a measurement (commas, spaces) or a tag key, tag value or field key (commas, spaces, equals signs) with a
    /// backslash, as the line protocol spec says. A backslash is kept, except where InfluxDB would read it as an escape of
    /// what follows (before a space, comma or equals sign, or at the end, where it would swallow the separator): there,
    /// as a control character (a line protocol line cannot hold a newline), it is written '_', since InfluxDB 1.x has no
    /// escape for a literal backslash in that place. Double quotes are literal outside string fields, and no field here is a string.
    /// </summary>
    internal static void AppendEscaped(StringBuilder sb, string text, bool measurementOnly)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsControl(c))
            {
                sb.Append('_');
                continue;
            }

            if (c == '\\')
            {
                var next = i + 1 < text.Length ? text[i + 1] : '\0';
                sb.Append(next is '\0' or ' ' or ',' or '=' || char.IsControl(next) ? '_' : '\\');
                continue;
            }

            if (c is ',' or ' ' || (c == '=' && !measurementOnly))
            {
                sb.Append('\\');
            }

            sb.Append(c);
        }
    }

    /// <summary>The escaped form of one tag key, tag value or field key (for tests and logs).</summary>
    public static string EscapeTag(string text)
    {
        var sb = new StringBuilder(text.Length + 8);
        AppendEscaped(sb, text, measurementOnly: false);
        return sb.ToString();
    }
}
