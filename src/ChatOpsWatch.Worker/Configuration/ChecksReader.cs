using System.Globalization;
using System.Text.RegularExpressions;
using ChatOpsWatch.Domain.Time;
using ChatOpsWatch.Infrastructure.Http;
using Microsoft.Extensions.Configuration;

namespace ChatOpsWatch.Worker.Configuration;

/// <summary>
/// Reads a node's <c>Checks</c> section and plan keys (<c>ExpiresOn</c>, <c>ExpiryReminderDays</c>,
/// <c>TrafficQuotaGb</c>, <c>BillingDay</c>), reporting every problem by key path.
/// </summary>
internal static partial class ChecksReader
{
    public static NodeChecks Read(ConfigReader read, IConfigurationSection node)
    {
        var s = node.GetSection("Checks");
        var ports = Ports(read, s);
        var burst = read.Int(s, "Burst", NodeChecks.DefaultBurst, 1, 100);
        var timeout = ShortDuration(read, s, "Timeout") ?? NodeChecks.Default.AttemptTimeout;
        var icmp = read.Bool(s, "Icmp", true);
        return new NodeChecks(ports, burst, timeout, icmp, Http(read, s.GetSection("Http")), Plan(read, node));
    }

    private static List<int> Ports(ConfigReader read, IConfigurationSection s)
    {
        var child = s.GetSection("TcpPorts");
        var raw = child.Value is { Length: > 0 } scalar
            ? scalar.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select((v, i) => (Key: "TcpPorts", Value: v))
            : child.GetChildren().Select(c => (Key: $"TcpPorts:{c.Key}", Value: c.Value ?? ""));
        var ports = new List<int>();
        foreach (var (key, value) in raw)
        {
            if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is >= 1 and <= 65535)
            {
                ports.Add(port);
            }
            else
            {
                read.Problem(s, key, $"'{value}' is not a TCP port (1-65535)");
            }
        }

        return ports;
    }

    private static List<HttpCheckSpec> Http(ConfigReader read, IConfigurationSection list)
    {
        var checks = new List<HttpCheckSpec>();
        foreach (var item in list.GetChildren())
        {
            var before = read.Problems.Count;
            var name = read.String(item, "Name");
            if (name is null || !CheckName().IsMatch(name))
            {
                read.Problem(item, "Name", name is null ? "is required" : $"'{name}' is not a valid check name: 1-40 letters, digits, '-', '_' or '.'");
            }
            else if (checks.Any(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase)))
            {
                read.Problem(item, "Name", $"'{name}' is used by another check of this node");
            }

            var urlText = read.String(item, "Url");
            Uri? url = null;
            if (urlText is null)
            {
                read.Problem(item, "Url", "is required (an absolute http:// or https:// URL)");
            }
            else if (!Uri.TryCreate(urlText, UriKind.Absolute, out url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
            {
                read.Problem(item, "Url", $"'{urlText}' is not an absolute http:// or https:// URL");
            }

            var keyword = item["Keyword"] is { Length: > 0 } k ? k : null; // kept verbatim: spaces may matter
            var timeout = read.Duration(item, "Timeout", TimeSpan.FromSeconds(1)) ?? HttpCheckSpec.DefaultTimeout;
            int? expect = item["ExpectStatus"] is { Length: > 0 } ? read.Int(item, "ExpectStatus", 200, 100, 599) : null;
            var redirects = read.Int(item, "MaxRedirects", 5, 0, 20);
            if (read.Problems.Count == before && name is not null && url is not null)
            {
                checks.Add(new HttpCheckSpec(name, url, keyword, timeout, expect, redirects));
            }
        }

        return checks;
    }

    private static VpsPlan Plan(ConfigReader read, IConfigurationSection node)
    {
        DateOnly? expires = null;
        if (read.String(node, "ExpiresOn") is { } text)
        {
            if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            {
                expires = d;
            }
            else
            {
                read.Problem(node, "ExpiresOn", $"'{text}' is not a date written yyyy-MM-dd");
            }
        }

        var quota = read.Double(node, "TrafficQuotaGb");
        if (quota is <= 0)
        {
            read.Problem(node, "TrafficQuotaGb", $"must be more than 0 GB, got {quota}");
            quota = null;
        }

        return new VpsPlan(
            expires,
            read.Int(node, "ExpiryReminderDays", VpsPlan.None.ExpiryReminderDays, 0, 365),
            quota,
            read.Int(node, "BillingDay", 1, 1, 31));
    }

    /// <summary>A duration that may be under a second: "500ms", or anything <see cref="DurationText"/> reads.</summary>
    private static TimeSpan? ShortDuration(ConfigReader read, IConfigurationSection s, string key)
    {
        var raw = s[key]?.Trim();
        if (string.IsNullOrEmpty(raw))
        {
            return null;
        }

        if (raw.EndsWith("ms", StringComparison.Ordinal)
            && int.TryParse(raw[..^2], NumberStyles.None, CultureInfo.InvariantCulture, out var ms) && ms is >= 10 and <= 60_000)
        {
            return TimeSpan.FromMilliseconds(ms);
        }

        if (DurationText.TryParse(raw, out var d) && d <= TimeSpan.FromMinutes(1))
        {
            return d;
        }

        read.Problem(s, key, $"'{raw}' is not a timeout from 10ms to 1m (write e.g. 500ms or 2s)");
        return null;
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{1,40}$", RegexOptions.CultureInvariant)]
    private static partial Regex CheckName();
}
