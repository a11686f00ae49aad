using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using ChatOpsWatch.Domain.Nodes;

namespace ChatOpsWatch.Domain.Chat.NodeAdmin;

/// <summary>
/// Parses "/addnode &lt;name&gt; &lt;user@host[:port]&gt; [key=value ...]". Pure. Every part is checked against a
/// narrow alphabet (no shell metacharacters, no leading '-', no control characters), because the values travel
/// into logs, SQL parameters, Quartz keys and SSH.NET; they are never pasted into a shell, and are narrow anyway.
/// </summary>
public static partial class NodeAddParser
{
    /// <summary>The tags /addnode accepts.</summary>
    public static readonly IReadOnlyList<string> TagKeys = ["provider", "region", "role", "key"];

    public const int MaxHostLength = 253;

    public static (NodeAddRequest? Request, NodeAddProblem? Problem) Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Count < 2)
        {
            return Fail("nodeadmin.invalid.usage", "");
        }

        if (args.Count >= ChatCommandParser.MaxArgs)
        {
            return Fail("nodeadmin.invalid.too_many", args.Count.ToString(CultureInfo.InvariantCulture));
        }

        var name = args[0];
        if (!NodeName.IsValid(name))
        {
            return Fail("nodeadmin.invalid.name", name);
        }

        var (target, targetProblem) = ParseTarget(args[1]);
        if (target is null)
        {
            return (null, targetProblem);
        }

        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var tag in args.Skip(2))
        {
            var eq = tag.IndexOf('=', StringComparison.Ordinal);
            var key = eq > 0 ? tag[..eq].ToLowerInvariant() : "";
            var value = eq > 0 ? tag[(eq + 1)..] : "";
            if (!TagKeys.Contains(key))
            {
                return Fail("nodeadmin.invalid.tag", tag);
            }

            if (!TagValue().IsMatch(value))
            {
                return Fail("nodeadmin.invalid.tag_value", tag);
            }

            if (!tags.TryAdd(key, value))
            {
                return Fail("nodeadmin.invalid.tag_twice", key);
            }
        }

        NodeRole? role = tags.GetValueOrDefault("role", "core").ToLowerInvariant() switch
        {
            "core" => NodeRole.Core,
            "edge" => NodeRole.Edge,
            _ => null,
        };
        if (role is null)
        {
            return Fail("nodeadmin.invalid.role", tags["role"]);
        }

        var request = new NodeAddRequest(
            name,
            target.Value.User,
            target.Value.Host,
            target.Value.Port,
            tags.GetValueOrDefault("provider", "unknown"),
            tags.GetValueOrDefault("region", "unknown"),
            role.Value,
            tags.GetValueOrDefault("key", NodeAddRequest.DefaultKeyName));
        return (request, null);
    }

    /// <summary>"user@host", "user@host:port", "user@[v6]:port" or "user@v6".</summary>
    private static ((string User, string Host, int Port)? Target, NodeAddProblem? Problem) ParseTarget(string text)
    {
        var at = text.IndexOf('@', StringComparison.Ordinal);
        if (at <= 0 || at != text.LastIndexOf('@'))
        {
            return (null, new("nodeadmin.invalid.target", text));
        }

        var user = text[..at];
        if (!UserPattern().IsMatch(user))
        {
            return (null, new("nodeadmin.invalid.user", user));
        }

        var rest = text[(at + 1)..];
        string host;
        var portText = "22";
        if (rest.StartsWith('['))
        {
            var close = rest.IndexOf(']', StringComparison.Ordinal);
            host = close > 0 ? rest[1..close] : rest;
            var after = close > 0 ? rest[(close + 1)..] : "";
            if (close < 0 || !IsIpv6(host) || (after.Length > 0 && !after.StartsWith(':')))
            {
                return (null, new("nodeadmin.invalid.host", rest));
            }

            portText = after.Length > 0 ? after[1..] : portText;
        }
        else if (rest.Count(c => c == ':') > 1)
        {
            // An IPv6 literal without brackets cannot carry a port.
            host = rest;
            if (!IsIpv6(host))
            {
                return (null, new("nodeadmin.invalid.host", rest));
            }
        }
        else
        {
            var colon = rest.IndexOf(':', StringComparison.Ordinal);
            host = colon < 0 ? rest : rest[..colon];
            portText = colon < 0 ? portText : rest[(colon + 1)..];
            if (!IsHostNameOrIpv4(host))
            {
                return (null, new("nodeadmin.invalid.host", host));
            }
        }

        if (!PortPattern().IsMatch(portText) || !int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            return (null, new("nodeadmin.invalid.port", portText));
        }

        return ((user, host, port), null);
    }

    private static bool IsIpv6(string host) =>
        host.Length <= 45 && Ipv6Chars().IsMatch(host) && IPAddress.TryParse(host, out var ip) && ip.AddressFamily == AddressFamily.InterNetworkV6;

    private static bool IsHostNameOrIpv4(string host)
    {
        if (host.Length is 0 or > MaxHostLength)
        {
            return false;
        }

        // All digits and dots: only a dotted quad counts (IPAddress alone would read "10" as 0.0.0.10).
        if (host.All(c => char.IsAsciiDigit(c) || c == '.'))
        {
            return Ipv4Pattern().IsMatch(host) && IPAddress.TryParse(host, out _);
        }

        return HostPattern().IsMatch(host);
    }

    private static (NodeAddRequest?, NodeAddProblem?) Fail(string key, string given) => (null, new NodeAddProblem(key, given));

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_.-]{0,31}$", RegexOptions.CultureInvariant)]
    private static partial Regex UserPattern();

    [GeneratedRegex("^[A-Za-z0-9._-]{1,40}$", RegexOptions.CultureInvariant)]
    private static partial Regex TagValue();

    [GeneratedRegex("^[0-9]{1,5}$", RegexOptions.CultureInvariant)]
    private static partial Regex PortPattern();

    [GeneratedRegex(@"^[0-9]{1,3}(\.[0-9]{1,3}){3}$", RegexOptions.CultureInvariant)]
    private static partial Regex Ipv4Pattern();

    [GeneratedRegex("^[0-9A-Fa-f:.]+$", RegexOptions.CultureInvariant)]
    private static partial Regex Ipv6Chars();

    // DNS labels: letters, digits and inner hyphens, 1-63 characters each.
    [GeneratedRegex("^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$", RegexOptions.CultureInvariant)]
    private static partial Regex HostPattern();
}
