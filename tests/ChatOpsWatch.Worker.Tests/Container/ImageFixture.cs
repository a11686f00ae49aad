using System.Diagnostics;
using System.Globalization;
using ChatOpsWatch.Testing.Lab;

namespace ChatOpsWatch.Worker.Tests.Container;

/// <summary>
/// Builds the image once per test run, from the local Debian bases of scripts/container-base.sh, and starts one
/// lab sshd node for it to watch. NuGet packages come from this machine's cache (mounted into the build), so the build
/// needs no registry but Debian's.
/// </summary>
public sealed class ImageFixture : IAsyncLifetime
{
    /// <summary>Per test process, so that two runs on one machine neither test nor remove each other's image.</summary>
    public static string Image { get; } = $"localhost/chatopswatch:test-{Environment.ProcessId}";

    public LabNodes Lab { get; private set; } = null!;

    public TimeSpan BuildTime { get; private set; }

    public long ImageBytes { get; private set; }

    public async Task InitializeAsync()
    {
        if (Podman.Missing is not null)
        {
            return;
        }

        var lab = LabNodes.StartAsync(1, "ctr", 251);
        await ShellCommand.RunAsync("bash", [Path.Combine(Repo.Root, "scripts", "container-base.sh")], Podman.Env, TimeSpan.FromMinutes(10));
        var watch = Stopwatch.StartNew();
        var nuget = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        await Podman.RunAsync(TimeSpan.FromMinutes(15), "build", "--format", "docker", "--network", "host", "--build-arg", "BASE=localhost/cow", "--build-arg", "RESTORE_ARGS=-p:NuGetAudit=false --source /nuget", "-v", $"{nuget}:/nuget:ro", "-t", Image, Repo.Root);
        BuildTime = watch.Elapsed;
        ImageBytes = long.Parse((await Podman.RunAsync("image", "inspect", "--format", "{{.Size}}", Image)).Trim(), CultureInfo.InvariantCulture);
        Lab = await lab;
    }

    public async Task DisposeAsync()
    {
        if (Lab is not null)
        {
            await Lab.DisposeAsync();
        }

        // The build stage's layers (about 1 GB with the SDK) would pile up run after run.
        if (Podman.Missing is null)
        {
            await Podman.TryAsync("rmi", Image);
            await Podman.TryAsync("image", "prune", "--force");
        }
    }
}
