using System.Globalization;
using ChatOpsWatch.Infrastructure.Probe;
using Microsoft.Extensions.Configuration;

namespace ChatOpsWatch.Worker.Configuration;

/// <summary>
/// Reads a node's <c>Processes</c> (names to find running) and <c>Ports</c> (TCP ports that should
/// listen). Each is a list (<c>"Processes": ["nginx", "sshd"]</c>) or one string separated by spaces
/// or commas. Every value is validated here, because it ends up in the command the node runs.
/// </summary>
internal static class ProbeTargetsReader
{
    public static ProbeTargets Read(ConfigReader read, IConfigurationSection node)
    {
        var problemsBefore = read.Problems.Count;
        var names = new List<string>();
        foreach (var (path, text) in Values(node, "Processes"))
        {
            if (ProbeTargets.IsValidProcessName(text))
            {
                names.Add(text);
            }
            else
            {
                read.Problem(path.Section, path.Key, $"'{text}' is not a process name: {ProbeTargets.NameRule} (as in /proc/PID/comm)");
            }
        }

        var ports = new List<int>();
        foreach (var (path, text) in Values(node, "Ports"))
        {
            if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && ProbeTargets.IsValidPort(port))
            {
                ports.Add(port);
            }
            else
            {
                read.Problem(path.Section, path.Key, $"'{text}' is not a TCP port (1-65535)");
            }
        }

        return read.Problems.Count > problemsBefore ? ProbeTargets.None : ProbeTargets.Create(names, ports);
    }

    /// <summary>Each value with where it came from: (section, key) for <see cref="ConfigReader.Problem"/>.</summary>
    private static IEnumerable<((IConfiguration Section, string Key) Path, string Text)> Values(IConfigurationSection node, string key)
    {
        var section = node.GetSection(key);
        if (section.Value is { } single)
        {
            foreach (var part in single.Split([' ', ',', '\t'], StringSplitOptions.RemoveEmptyEntries))
            {
                yield return ((node, key), part);
            }

            yield break;
        }

        foreach (var item in section.GetChildren())
        {
            yield return ((section, item.Key), item.Value?.Trim() ?? string.Empty);
        }
    }
}
