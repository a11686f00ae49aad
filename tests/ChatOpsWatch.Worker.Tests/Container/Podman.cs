using System.Diagnostics;
using ChatOpsWatch.Testing.Lab;

namespace ChatOpsWatch.Worker.Tests.Container;

/// <summary>Podman with runc, configured for this machine kind (../shared/FACTS.md, "Containers").</summary>
internal static class Podman
{
    public const string Conf = "/etc/chatopswatch/containers.conf";

    /// <summary>Why containers cannot run here, or null when they can.</summary>
    public static string? Missing { get; } = FindMissing();

    private static string? FindMissing()
    {
        if (!OperatingSystem.IsLinux() || Environment.UserName != "root")
        {
            return "the container test needs root on Linux (podman with runc, as scripts/test.sh runs it)";
        }

        foreach (var tool in new[] { "podman", "runc", "debootstrap" })
        {
            if (!Environment.GetEnvironmentVariable("PATH")!.Split(':').Any(d => File.Exists(Path.Combine(d, tool))))
            {
                return $"{tool} is not installed: scripts/install-deps.sh installs podman, runc and debootstrap";
            }
        }

        return null;
    }

    /// <summary>Why podman-compose cannot run here (where podman can), or null when it can.</summary>
    public static string? ComposeMissing { get; } =
        Environment.GetEnvironmentVariable("PATH")!.Split(':').Any(d => File.Exists(Path.Combine(d, "podman-compose")))
            ? null
            : "podman-compose is not installed: scripts/install-deps.sh installs it";

    public static Dictionary<string, string> Env => new() { ["CONTAINERS_CONF"] = Conf };

    public static Task<string> RunAsync(TimeSpan timeout, params string[] args) =>
        ShellCommand.RunAsync("podman", ["--runtime", "runc", .. args], Env, timeout);

    public static Task<string> RunAsync(params string[] args) => RunAsync(TimeSpan.FromMinutes(2), args);

    /// <summary>Runs and returns the exit code and output, without throwing on a non-zero exit.</summary>
    public static async Task<(int Exit, string Output)> TryAsync(params string[] args)
    {
        var info = new ProcessStartInfo("podman") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "--runtime", "runc" }.Concat(args))
        {
            info.ArgumentList.Add(a);
        }

        info.Environment["CONTAINERS_CONF"] = Conf;
        using var p = Process.Start(info)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await p.WaitForExitAsync(cts.Token);
        return (p.ExitCode, await stdout + await stderr);
    }
}

/// <summary>A fact skipped, saying why, where podman cannot run.</summary>
public sealed class PodmanFactAttribute : FactAttribute
{
    public PodmanFactAttribute()
    {
        if (Podman.Missing is { } reason)
        {
            Skip = reason;
        }
    }
}
