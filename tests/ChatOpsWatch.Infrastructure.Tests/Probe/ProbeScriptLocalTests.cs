using ChatOpsWatch.Domain.Probing;
using ChatOpsWatch.Infrastructure.Probe;

namespace ChatOpsWatch.Infrastructure.Tests.Probe;

/// <summary>The embedded probe, run for real by each shell a node may have.</summary>
public sealed class ProbeScriptLocalTests : IDisposable
{
    private readonly List<string> dirs = [];

    [Theory]
    [InlineData("/bin/sh")]
    [InlineData("/bin/dash")]
    [InlineData("/bin/bash")]
    public async Task Script_RunBySystemShell_ParsesWithEverySection(string shell)
    {
        var result = await Shell.Run(shell, ["-c", ProbeScript.Script]);

        AssertCompleteProbe(result);
    }

    [BusyboxFact]
    public async Task Script_RunByBusyboxWithOnlyItsApplets_ParsesWithEverySection()
    {
        var result = await Shell.Run(Busybox.Path!, ["sh", "-c", ProbeScript.Script], new Dictionary<string, string> { ["PATH"] = Busybox.Applets });

        AssertCompleteProbe(result);
    }

    [Fact]
    public async Task Script_ProcFilesMissing_MarksThoseSectionsAndStillReportsDisks()
    {
        var emptyProc = NewDir();

        var result = await Shell.Run("/bin/sh", ["-c", ProbeScript.Script], new Dictionary<string, string> { ["COWPROBE_PROC"] = emptyProc });

        var snapshot = Parse(result);
        Assert.Equal(
            ["boot", "cpu", "dio", "load", "mem", "mounts", "ncpu", "net", "oom", "tcp", "tw", "uptime"],
            snapshot.Unavailable.Select(u => u.Section).Where(s => s != "systemd").Order(StringComparer.Ordinal));
        Assert.Contains(snapshot.Mounts, m => m.Mount == "/");
        Assert.NotNull(snapshot.NodeClock);
    }

    private static void AssertCompleteProbe(ShellResult result)
    {
        var snapshot = Parse(result);
        Assert.DoesNotContain(snapshot.Unavailable, u => u.Section != "systemd"); // this machine does not boot with systemd
        Assert.NotNull(snapshot.Cpu);
        Assert.NotEmpty(snapshot.System.DiskIo);
        Assert.NotEmpty(snapshot.System.Interfaces);
        Assert.NotNull(snapshot.System.Tcp);
        Assert.NotNull(snapshot.System.TimeWait);
        Assert.NotNull(snapshot.System.OomKills);
        Assert.Equal(OnlineCpus(), snapshot.CpuCount);
        Assert.Matches("^[0-9a-f-]{36}$", snapshot.BootId);
        Assert.True(snapshot.Memory?.TotalKiB > 0);
        Assert.Contains(snapshot.Mounts, m => m.Mount == "/" && m.SizeKiB > 0 && m.Inodes is not null);
    }

    private static int OnlineCpus() =>
        File.ReadLines("/proc/stat").Count(l => l.StartsWith("cpu", StringComparison.Ordinal) && l.Length > 3 && char.IsAsciiDigit(l[3]));

    internal static ProbeSnapshot Parse(ShellResult result)
    {
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Stderr);
        var parsed = ProbeParser.Parse(result.Stdout);
        Assert.True(parsed.IsSuccess, parsed.Error + "\n" + result.Stdout);
        return parsed.Snapshot;
    }

    public void Dispose()
    {
        foreach (var dir in dirs)
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private string NewDir()
    {
        var dir = Shell.TempDir();
        dirs.Add(dir);
        return dir;
    }
}
