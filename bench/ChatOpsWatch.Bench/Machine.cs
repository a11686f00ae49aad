using System.Reflection;
using System.Runtime.InteropServices;
using Renci.SshNet;

namespace ChatOpsWatch.Bench;

/// <summary>What the figures were measured on. The load average shows whether something else was running.</summary>
internal sealed record Machine(
    string DateUtc,
    int Nproc,
    string CpuModel,
    string Os,
    string Runtime,
    string DotnetSdk,
    string SshNet,
    string NodeServer,
    string LoadAverageAtStart,
    string LoadAverageAtEnd)
{
    /// <summary>Call at the end of the run, with what was read at its start.</summary>
    public static Machine Describe(DateTimeOffset started, string nodeServer, string loadAtStart) => new(
        started.ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture),
        Environment.ProcessorCount,
        ReadCpuModel(),
        RuntimeInformation.OSDescription,
        RuntimeInformation.FrameworkDescription,
        Environment.GetEnvironmentVariable("BENCH_DOTNET_SDK") is { Length: > 0 } sdk ? sdk : "unknown (run through scripts/bench.sh)",
        typeof(SshClient).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "unknown",
        nodeServer,
        loadAtStart,
        LoadAverage());

    /// <summary>The 1, 5 and 15 minute load averages from /proc/loadavg.</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    private static string ReadCpuModel()
    {
        if (!File.Exists("/proc/cpuinfo"))
        {
            return "unknown";
        }

        var line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
        return line is null ? "unknown" : line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
    }
}
