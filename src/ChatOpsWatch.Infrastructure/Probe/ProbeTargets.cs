using System.Globalization;
using System.Text.RegularExpressions;

namespace ChatOpsWatch.Infrastructure.Probe;

/// <summary>
/// The processes and TCP ports the probe checks on one node. Every value is validated before it
/// can exist here, because it is written into the shell command the node runs: a name is
/// <see cref="NameRule"/>, a port 1-65535. Nothing else can reach the shell.
/// </summary>
public sealed partial record ProbeTargets
{
    public const string NameRule = "1-32 letters, digits, '.', '_', ':', '+' or '-'";

    private ProbeTargets(IReadOnlyList<string> processes, IReadOnlyList<int> ports)
    {
        Processes = processes;
        Ports = ports;
    }

    public static ProbeTargets None { get; } = new([], []);

    public IReadOnlyList<string> Processes { get; }

    public IReadOnlyList<int> Ports { get; }

    public bool IsEmpty => Processes.Count == 0 && Ports.Count == 0;

    public static bool IsValidProcessName(string? name) => name is not null && NamePattern().IsMatch(name);

    public static bool IsValidPort(int port) => port is >= 1 and <= 65535;

    /// <summary>The targets, duplicates dropped; throws <see cref="ArgumentException"/> naming the first invalid value.</summary>
    public static ProbeTargets Create(IEnumerable<string> processes, IEnumerable<int> ports)
    {
        ArgumentNullException.ThrowIfNull(processes);
        ArgumentNullException.ThrowIfNull(ports);
        var names = processes.Distinct(StringComparer.Ordinal).ToArray();
        foreach (var name in names.Where(n => !IsValidProcessName(n)))
        {
            throw new ArgumentException($"'{name}' is not a valid process name: {NameRule}", nameof(processes));
        }

        var numbers = ports.Distinct().ToArray();
        foreach (var port in numbers.Where(p => !IsValidPort(p)))
        {
            throw new ArgumentException($"{port} is not a TCP port (1-65535)", nameof(ports));
        }

        return new ProbeTargets(names, numbers);
    }

    /// <summary>
    /// Shell assignments of COW_PROCS and COW_PORTS for the top of the probe script, single-quoted
    /// although the validation leaves nothing a shell would interpret. Empty when there are no targets.
    /// </summary>
    public string ShellAssignments() =>
        IsEmpty
            ? string.Empty
            : $"COW_PROCS={ProbeScript.Quote(string.Join(' ', Processes))}\nCOW_PORTS={ProbeScript.Quote(string.Join(' ', Ports.Select(p => p.ToString(CultureInfo.InvariantCulture))))}\n";

    [GeneratedRegex("^[A-Za-z0-9._:+-]{1,32}$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}
