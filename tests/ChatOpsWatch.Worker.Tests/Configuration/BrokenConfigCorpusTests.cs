using ChatOpsWatch.Worker.Tests.Support;

namespace ChatOpsWatch.Worker.Tests.Configuration;

/// <summary>
/// Broken configurations as new users write them (BrokenConfigs/*.json), each given to the real executable's
/// check-config: exit 2, the key path (or file:line:column) and the reason named, and no stack trace. Each file
/// says what it expects in its leading <c>// expect:</c> comments (and <c>// env: NAME=VALUE</c> sets a variable).
/// </summary>
public sealed class BrokenConfigCorpusTests : IDisposable
{
    private static readonly string CorpusDir = Path.Combine(Testing.Lab.Repo.Root, "tests", "ChatOpsWatch.Worker.Tests", "Configuration", "BrokenConfigs");

    private readonly string _workDir = Directory.CreateTempSubdirectory("cow-corpus-").FullName;

    public static TheoryData<string> Corpus()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(CorpusDir, "*.json").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }

    [Fact]
    public void Corpus_HasAtLeastThirtyBrokenConfigurations() => Assert.True(Corpus().Count >= 30, $"{Corpus().Count} files in {CorpusDir}");

    [Theory]
    [MemberData(nameof(Corpus))]
    public async Task CheckConfig_BrokenFile_Exits2NamingItsKeyWithoutAStackTrace(string name)
    {
        var file = Path.Combine(CorpusDir, name);
        var header = File.ReadLines(file).TakeWhile(l => l.StartsWith("//", StringComparison.Ordinal)).ToList();
        var expected = header.Where(l => l.StartsWith("// expect:", StringComparison.Ordinal)).Select(l => l["// expect:".Length..].Trim()).ToList();
        var env = new Dictionary<string, string> { ["COW_CORPUS_PW"] = "x" };
        foreach (var (k, v) in header.Where(l => l.StartsWith("// env:", StringComparison.Ordinal)).Select(l => l["// env:".Length..].Trim().Split('=', 2)).Select(p => (p[0], p[1])))
        {
            env[k] = v;
        }

        var (exit, output) = await WorkerProcess.RunToExitAsync(_workDir, env, "check-config", "--config", file);

        Assert.NotEmpty(expected);
        Assert.True(exit == 2, $"exit {exit}:\n{output}");
        Assert.All(expected, e => Assert.Contains(e, output, StringComparison.Ordinal));
        AssertNoStackTrace(output);
    }

    [Theory]
    [InlineData("ChatOpsWatch__Nodes__0__Intervall", "30s", "ChatOpsWatch:Nodes:0:Intervall: unknown key 'Intervall'; did you mean Interval?")]
    [InlineData("ChatOpsWatch__Telegarm__OpsChatId", "-100", "ChatOpsWatch:Telegarm: unknown key 'Telegarm'; did you mean Telegram?")]
    [InlineData("ChatOpsWatch__Alerts__Rules__0__Critcal", "90", "ChatOpsWatch:Alerts:Rules:0:Critcal: unknown key 'Critcal'; did you mean Critical?")]
    public async Task CheckConfig_TypoInAnEnvironmentVariable_Exits2WithTheHint(string variable, string value, string expected)
    {
        var env = new Dictionary<string, string>
        {
            ["ChatOpsWatch__Nodes__0__Name"] = "web-1",
            ["ChatOpsWatch__Nodes__0__Host"] = "192.0.2.10",
            ["ChatOpsWatch__Nodes__0__PasswordEnv"] = "COW_CORPUS_PW",
            ["ChatOpsWatch__Alerts__Rules__0__Id"] = "cpu",
            ["COW_CORPUS_PW"] = "x",
            [variable] = value,
        };

        var (exit, output) = await WorkerProcess.RunToExitAsync(_workDir, env, "check-config");

        Assert.Equal(2, exit);
        Assert.Contains(expected, output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("run")]
    [InlineData("check-config")]
    public async Task Start_ConfigFileIsUnreadable_Exits2WithAClearErrorNoStackTrace(string verb)
    {
        // Root reads every file whatever its mode, so "unreadable" here is what crashed as root: a directory given as the file.
        var dir = Directory.CreateDirectory(Path.Combine(_workDir, "conf.json")).FullName;

        var (exit, output) = await WorkerProcess.RunToExitAsync(_workDir, new Dictionary<string, string>(), verb, "--config", dir);

        Assert.Equal(2, exit);
        Assert.Contains($"{dir}: is a directory, not a JSON file", output, StringComparison.Ordinal);
        AssertNoStackTrace(output);
    }

    [Fact]
    public async Task Run_BrokenJsonEditWhileRunning_IsLoggedWithLineAndColumnAndTheNodesKeepPolling()
    {
        var file = Path.Combine(_workDir, "watch.json");
        await File.WriteAllTextAsync(file, """{ "ChatOpsWatch": { "Local": { "Name": "here" } } }""");
        await using var worker = WorkerProcess.Start(_workDir, new Dictionary<string, string>(), "--config", file);
        // The scheduler watches the file once it has applied the configuration, which it logs per node.
        await worker.WaitForLineAsync(l => l.Contains("polled every", StringComparison.Ordinal), TimeSpan.FromSeconds(60));
        await Task.Delay(1000);

        await File.WriteAllTextAsync(file, "{ \"ChatOpsWatch\": { \"Local\": { \"Name\": \"here\" }\n  \"Storage\": {} } }");

        await worker.WaitForLineAsync(l => l.Contains("Configuration edit rejected", StringComparison.Ordinal) && l.Contains("watch.json:2:3", StringComparison.Ordinal), TimeSpan.FromSeconds(30));
        Assert.DoesNotContain(worker.Lines, l => l.Contains("no longer polled", StringComparison.Ordinal));
    }

    private static void AssertNoStackTrace(string output)
    {
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception:", output, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_workDir, recursive: true);
}
