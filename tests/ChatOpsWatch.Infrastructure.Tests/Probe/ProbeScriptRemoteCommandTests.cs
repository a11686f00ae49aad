using ChatOpsWatch.Domain.Probing;
using ChatOpsWatch.Infrastructure.Probe;

namespace ChatOpsWatch.Infrastructure.Tests.Probe;

/// <summary>
/// <see cref="ProbeScript.RemoteCommand(TimeSpan)"/> run the way sshd runs an exec request: the login shell
/// with <c>-c</c> and the command line.
/// </summary>
public sealed class ProbeScriptRemoteCommandTests : IDisposable
{
    private readonly List<string> dirs = [];

    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    [Theory]
    [InlineData("/bin/bash")]
    [InlineData("/bin/dash")]
    public async Task RemoteCommand_LoginShellWithGnuTimeout_RunsTheProbe(string loginShell)
    {
        var result = await Shell.Run(loginShell, ["-c", ProbeScript.RemoteCommand(Deadline)]);

        ProbeScriptLocalTests.Parse(result);
    }

    [BusyboxFact]
    public async Task RemoteCommand_BusyboxNode_RunsTheProbeUnderBusyboxTimeout()
    {
        var path = new Dictionary<string, string> { ["PATH"] = Busybox.Applets };

        var result = await Shell.Run(Busybox.Path!, ["sh", "-c", ProbeScript.RemoteCommand(Deadline)], path);

        ProbeScriptLocalTests.Parse(result);
    }

    [Fact]
    public async Task RemoteCommand_NodeWithoutTimeout_RunsTheProbeWithoutIt()
    {
        var bin = NewDir();
        File.CreateSymbolicLink(Path.Combine(bin, "sh"), "/bin/dash");

        var result = await Shell.Run("/bin/dash", ["-c", ProbeScript.RemoteCommand(Deadline)], new Dictionary<string, string> { ["PATH"] = bin });

        ProbeScriptLocalTests.Parse(result);
    }

    [Fact]
    public async Task RemoteCommand_OldBusyboxTimeoutThatWantsDashT_RunsTheProbeOnceUnderIt()
    {
        var bin = NewDir();
        var calls = Path.Combine(bin, "calls");
        // BusyBox before 1.30: `timeout [-t SECS] PROG ARGS`; a bare number is taken as the program.
        Shell.WriteExecutable(Path.Combine(bin, "timeout"), $$"""
            #!/bin/sh
            echo "$1 $2" >>{{calls}}
            if [ "$1" != "-t" ]; then echo "timeout: can't execute '$1': No such file or directory" >&2; exit 127; fi
            shift 2
            exec "$@"
            """);

        var result = await Shell.Run("/bin/bash", ["-c", ProbeScript.RemoteCommand(TimeSpan.FromSeconds(7.2))], PathFirst(bin));

        ProbeScriptLocalTests.Parse(result);
        Assert.Equal(["8 sh", "-t 8"], File.ReadAllLines(calls));
    }

    [Fact]
    public async Task RemoteCommand_ProbeHangs_IsKilledAtTheDeadlineAndReportedTruncated()
    {
        var proc = NewDir();
        var mkfifo = await Shell.Run("mkfifo", [Path.Combine(proc, "uptime")]); // reading it blocks forever
        Assert.Equal(0, mkfifo.ExitCode);

        var result = await Shell.Run(
            "/bin/bash",
            ["-c", ProbeScript.RemoteCommand(TimeSpan.FromSeconds(1))],
            new Dictionary<string, string> { ["COWPROBE_PROC"] = proc },
            limit: TimeSpan.FromSeconds(20));

        Assert.Equal(124, result.ExitCode); // GNU timeout's "timed out"
        Assert.InRange(result.Elapsed, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10));
        Assert.StartsWith("truncated: no 'end' line", ProbeParser.Parse(result.Stdout).Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("plain")]
    [InlineData("it's")]
    [InlineData("'quoted' \"twice\" $HOME `id` \\040 *")]
    [InlineData("")]
    public async Task Quote_AnyText_ReachesTheCommandUnchanged(string text)
    {
        var result = await Shell.Run("/bin/sh", ["-c", "printf %s " + ProbeScript.Quote(text)]);

        Assert.Equal(text, result.Stdout);
    }

    [Fact]
    public void Script_SentWithEveryPoll_StaysSmall()
    {
        var command = ProbeScript.RemoteCommand(Deadline);

        Assert.DoesNotContain("\n#", ProbeScript.Script, StringComparison.Ordinal);
        // Format 1 sent about 3.0 KB; format 2 with its node sections about 6.4 KB.
        Assert.InRange(command.Length, 500, 8192);
    }

    private static Dictionary<string, string> PathFirst(string first) =>
        new() { ["PATH"] = first + ":" + Environment.GetEnvironmentVariable("PATH") };

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
