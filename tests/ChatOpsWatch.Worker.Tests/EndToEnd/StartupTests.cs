using ChatOpsWatch.Worker.Tests.Support;

namespace ChatOpsWatch.Worker.Tests.EndToEnd;

/// <summary>Start-up as an operator meets it: the real executable, its exit code and its output.</summary>
public sealed class StartupTests : IDisposable
{
    private readonly string _workDir = Directory.CreateTempSubdirectory("cow-start-").FullName;

    private Dictionary<string, string> BrokenNodes()
    {
        var key = Testing.Lab.TestKeys.Ed25519(_workDir);
        return new()
        {
            ["ChatOpsWatch__Nodes__0__Name"] = "no-host",
            ["ChatOpsWatch__Nodes__0__KeyFile"] = key,
            ["ChatOpsWatch__Nodes__1__Name"] = "bad-port",
            ["ChatOpsWatch__Nodes__1__Host"] = "192.0.2.1",
            ["ChatOpsWatch__Nodes__1__Port"] = "99999",
            ["ChatOpsWatch__Nodes__1__KeyFile"] = key,
            ["ChatOpsWatch__Nodes__2__Name"] = "bad-key",
            ["ChatOpsWatch__Nodes__2__Host"] = "192.0.2.2",
            ["ChatOpsWatch__Nodes__2__KeyFile"] = Path.Combine(_workDir, "no_such_key"),
        };
    }

    [Theory]
    [InlineData("run")]
    [InlineData("check-config")]
    public async Task Start_MissingHostBadPortUnreadableKey_ExitsNonZeroNamingAllThree(string verb)
    {
        var (exit, output) = await WorkerProcess.RunToExitAsync(_workDir, BrokenNodes(), verb);

        Assert.Equal(2, exit);
        Assert.Contains("3 configuration problem(s)", output, StringComparison.Ordinal);
        Assert.Contains("ChatOpsWatch:Nodes:0:Host", output, StringComparison.Ordinal);
        Assert.Contains("ChatOpsWatch:Nodes:1:Port", output, StringComparison.Ordinal);
        Assert.Contains("ChatOpsWatch:Nodes:2:KeyFile", output, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_workDir, "data", "chatopswatch.db")), "nothing may start on a broken configuration");
    }

    [Fact]
    public async Task Start_DatabasePathUnusable_ExitsWithAClearStorageError()
    {
        var blocker = Path.Combine(_workDir, "a-file");
        await File.WriteAllTextAsync(blocker, "not a directory");

        var (exit, output) = await WorkerProcess.RunToExitAsync(_workDir, new Dictionary<string, string> { ["ChatOpsWatch__Storage__Path"] = Path.Combine(blocker, "db.sqlite") });

        Assert.Equal(3, exit);
        Assert.Contains(blocker, output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_NoConfigurationAtAll_ShowsTheLocalNodesMetricsWithinAMinute()
    {
        await using var worker = WorkerProcess.Start(_workDir, new Dictionary<string, string>());

        await worker.WaitForLineAsync(l => l.Contains("local", StringComparison.Ordinal) && l.Contains("mem", StringComparison.Ordinal) && l.Contains('%', StringComparison.Ordinal), TimeSpan.FromSeconds(60));

        Assert.True(File.Exists(Path.Combine(_workDir, "data", "chatopswatch.db")));
    }

    public void Dispose() => Directory.Delete(_workDir, recursive: true);
}
