using System.Globalization;
using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Domain.Correlation;
using ChatOpsWatch.Domain.Time;
using ChatOpsWatch.Worker.Configuration;
using Microsoft.Extensions.Configuration;

namespace ChatOpsWatch.Worker.Correlation;

/// <summary>
/// Reads <c>Monitor</c> (canaries, group outage options), <c>Alerts:Overrides</c> and each node's <c>Vantage</c>,
/// reporting every problem by key path. Runs after the nodes and rules were read, since it checks names against them.
/// </summary>
internal static class CorrelationReader
{
    public static CorrelationConfig Read(ConfigReader read, IConfigurationSection root, IReadOnlyList<NodeConfig> nodes, MonitorSettings monitorSettings)
    {
        var monitor = root.GetSection("Monitor");
        var defaults = CorrelationConfig.Default;
        var options = Options(read, monitor.GetSection("Correlation"));
        var canaries = Canaries(read, monitor);
        var interval = read.Duration(monitor, "CanaryInterval", TimeSpan.FromMilliseconds(500)) ?? defaults.CanaryInterval;
        var timeout = read.Duration(monitor, "CanaryTimeout", TimeSpan.FromMilliseconds(100)) ?? defaults.CanaryTimeout;
        if (canaries.Count > 0 && options.Hold < interval)
        {
            read.Problem(monitor.GetSection("Correlation"), "Hold", $"must be at least Monitor:CanaryInterval ({DurationText.Format(interval)}) when canaries are configured, or node downs go out before the canaries were checked");
        }

        var list = root.GetSection("Alerts").GetSection("Overrides");
        // Names as written, valid or not: a node with a bad key file is reported once, not again by every reference to it.
        var names = root.GetSection("Nodes").GetChildren().Select(c => c["Name"]?.Trim()).OfType<string>().Concat(nodes.Select(n => n.Name)).ToHashSet(StringComparer.Ordinal);
        var overrides = OverridesReader.Read(read, list, names, [.. monitorSettings.Rules.Select(r => r.Id)]);
        OverridesReader.Check(read, list, overrides, nodes, monitorSettings);
        return new CorrelationConfig(options, canaries, interval, timeout, overrides, Vantages(read, root, nodes, names));
    }

    private static CorrelationOptions Options(ConfigReader read, IConfigurationSection s)
    {
        var d = CorrelationOptions.Default;
        var window = read.Duration(s, "Window", TimeSpan.FromSeconds(1)) ?? d.Window;
        var options = new CorrelationOptions(
            window,
            read.Int(s, "MinNodes", d.MinNodes, 2, 100_000),
            read.Double(s, "MinPercent") ?? d.MinPercent,
            Hold(read, s) ?? (window < d.Hold ? window : d.Hold));
        foreach (var (field, message) in options.Problems())
        {
            read.Problem(s, field, message);
        }

        return options;
    }

    /// <summary>"0" or "0s" turns the hold off; anything else is a duration.</summary>
    private static TimeSpan? Hold(ConfigReader read, IConfigurationSection s) =>
        s["Hold"]?.Trim() is "0" or "0s" ? TimeSpan.Zero : read.Duration(s, "Hold", TimeSpan.FromMilliseconds(100));

    private static List<CanaryTarget> Canaries(ConfigReader read, IConfigurationSection monitor)
    {
        var section = monitor.GetSection("Canaries");
        var raw = section.Value is { Length: > 0 } scalar
            ? scalar.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(v => ((IConfiguration)monitor, "Canaries", v))
            : section.GetChildren().Select(c => ((IConfiguration)section, c.Key, c.Value?.Trim() ?? string.Empty));
        var canaries = new List<CanaryTarget>();
        foreach (var (where, key, text) in raw)
        {
            if (Parse(text) is { } canary)
            {
                canaries.Add(canary);
            }
            else
            {
                read.Problem(where, key, $"'{text}' is not host:port (e.g. 1.1.1.1:53, [2606:4700::1111]:53, gateway.lan:22)");
            }
        }

        return canaries;
    }

    public static CanaryTarget? Parse(string text)
    {
        var colon = text.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(text[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            return null;
        }

        var host = text[..colon];
        if (host.StartsWith('[') && host.EndsWith(']'))
        {
            host = host[1..^1];
        }

        return Uri.CheckHostName(host) == UriHostNameType.Unknown ? null : new CanaryTarget(host, port);
    }

    private static Dictionary<string, string> Vantages(ConfigReader read, IConfigurationSection root, IReadOnlyList<NodeConfig> nodes, IReadOnlySet<string> names)
    {
        var vantages = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var item in root.GetSection("Nodes").GetChildren())
        {
            var name = read.String(item, "Name");
            if (read.String(item, "Vantage") is not { } vantage || name is null)
            {
                continue;
            }

            var target = nodes.FirstOrDefault(n => string.Equals(n.Name, vantage, StringComparison.OrdinalIgnoreCase));
            if (string.Equals(vantage, name, StringComparison.OrdinalIgnoreCase))
            {
                read.Problem(item, "Vantage", $"'{vantage}' is this node itself; name another node that can reach it");
            }
            else if (!names.Contains(vantage, StringComparer.OrdinalIgnoreCase))
            {
                read.Problem(item, "Vantage", $"'{vantage}' is not a configured node (known: {string.Join(", ", names.Order(StringComparer.Ordinal))})");
            }
            else if (target is null)
            {
                // The vantage node itself is misconfigured, and reported as such.
                continue;
            }
            else if (target.Ssh is null)
            {
                read.Problem(item, "Vantage", $"'{vantage}' is this machine; a vantage must be a node reached over SSH");
            }
            else
            {
                vantages[name] = target.Name;
            }
        }

        return vantages;
    }
}
