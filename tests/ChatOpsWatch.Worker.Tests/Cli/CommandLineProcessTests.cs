using ChatOpsWatch.Worker.Tests.Support;

namespace ChatOpsWatch.Worker.Tests.Cli;

/// <summary>The verbs as an operator types them: the real executable, its exit code and its output.</summary>
public sealed class CommandLineProcessTests : IDisposable
{
    private readonly string _workDir = Directory.CreateTempSubdirectory("cow-cli-").FullName;

    private string Database => Path.Combine(_workDir, "data", "chatopswatch.db");

    [Theory]
    [InlineData("usage: chatopswatch [run]", "--help")]
    [InlineData("usage: chatopswatch [run]", "-h")]
    [InlineData("usage: chatopswatch [run]", "help")]
    [InlineData("usage: chatopswatch [run] [--config FILE]\n  start monitoring", "run", "--help")]
    [InlineData("usage: chatopswatch [run] [--config FILE]\n  start monitoring", "--config", "x.json", "-h")]
    [InlineData("usage: chatopswatch check-config", "check-config", "--help")]
    [InlineData("usage: chatopswatch import-known-hosts", "import-known-hosts", "--help")]
    [InlineData("usage: chatopswatch forget-hostkey", "forget-hostkey", "--help")]
    [InlineData("usage: chatopswatch forget-hostkey", "help", "forget-hostkey")]
    [InlineData("usage: chatopswatch backtest", "backtest", "--help")]
    [InlineData("usage: chatopswatch baseline", "baseline", "-h")]
    [InlineData("usage: chatopswatch noise", "noise", "--help")]
    [InlineData("usage: chatopswatch storage [--config FILE] [--maintain]", "storage", "--help")]
    public async Task Help_AnyVerb_PrintsItsUsageExitsZeroAndStartsNothing(string expected, params string[] args)
    {
        var (exit, output) = await WorkerProcess.RunToExitAsync(_workDir, new Dictionary<string, string>(), args);

        Assert.Equal(0, exit);
        Assert.Contains(expected, output, StringComparison.Ordinal);
        Assert.DoesNotContain("forgot", output, StringComparison.Ordinal);
        Assert.DoesNotContain("configuration OK", output, StringComparison.Ordinal);
        Assert.False(File.Exists(Database), "--help must not open the database or start the monitor");
    }

    [Theory]
    [InlineData("unknown command 'frobnicate'", "frobnicate")]
    [InlineData("unknown option '--verbose'", "--verbose")]
    [InlineData("unknown option '--verbose'", "run", "--verbose")]
    [InlineData("unknown option '--confg'", "check-config", "--confg", "x.json")]
    [InlineData("unexpected argument 'extra'", "check-config", "extra")]
    [InlineData("--config needs a value", "run", "--config")]
    [InlineData("missing NODE", "forget-hostkey")]
    [InlineData("missing FILE", "import-known-hosts")]
    [InlineData("unknown option '--all'", "forget-hostkey", "--all")]
    public async Task Usage_UnknownVerbOrFlag_Exits64WithTheReasonAndUsage(string reason, params string[] args)
    {
        var (exit, output) = await WorkerProcess.RunToExitAsync(_workDir, new Dictionary<string, string>(), args);

        Assert.Equal(64, exit);
        Assert.Contains(reason, output, StringComparison.Ordinal);
        Assert.Contains("usage:", output, StringComparison.Ordinal);
        Assert.False(File.Exists(Database), "a usage error must not start the monitor");
    }

    [Fact]
    public async Task ForgetHostKey_UnknownNode_IsAnErrorNamingTheConfiguredNodes()
    {
        var env = new Dictionary<string, string>
        {
            ["ChatOpsWatch__Nodes__0__Name"] = "web-1",
            ["ChatOpsWatch__Nodes__0__Host"] = "192.0.2.10",
            ["ChatOpsWatch__Nodes__0__KeyFile"] = Testing.Lab.TestKeys.Ed25519(_workDir),
        };

        var (exit, output) = await WorkerProcess.RunToExitAsync(_workDir, env, "forget-hostkey", "ghost");
        var (known, knownOutput) = await WorkerProcess.RunToExitAsync(_workDir, env, "forget-hostkey", "web-1");

        Assert.Equal(64, exit);
        Assert.Contains("no node 'ghost'", output, StringComparison.Ordinal);
        Assert.Contains("web-1", output, StringComparison.Ordinal);
        Assert.DoesNotContain("forgot", output, StringComparison.Ordinal);
        Assert.Equal(0, known);
        Assert.Contains("forgot the pinned host keys of web-1", knownOutput, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_workDir, recursive: true);
}
