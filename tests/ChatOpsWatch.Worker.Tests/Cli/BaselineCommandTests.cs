using ChatOpsWatch.Worker.Cli;

namespace ChatOpsWatch.Worker.Tests.Cli;

public sealed class BaselineCommandTests : IDisposable
{
    private readonly StoredHistory _history = new();

    public void Dispose() => _history.Dispose();

    private (int Code, string Out, string Err) Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = BaselineCommand.Run(["--config", _history.ConfigPath, .. args], stdout, stderr, _history.Time);
        return (code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Eight days of 20-minute polls: CPU 12 %, and a nightly backup at 95 % from 03:00 to 03:40.</summary>
    private Task WriteWeekAsync(string node = "tokyo-1") =>
        _history.WriteAsync(node, 8, TimeSpan.FromMinutes(20), t => t.Hour == 3 && t.Minute < 40 ? 95 : 12);

    [Fact]
    public async Task Run_StoredWeekWithANightlyBackup_PrintsLearnedLevelsBesideTheStaticOnesWithProgress()
    {
        await WriteWeekAsync();
        _history.Time.SetUtcNow(StoredHistory.Start.AddDays(8));
        var before = File.GetLastWriteTimeUtc(_history.DatabasePath);

        var (code, output, errors) = Run("--node", "tokyo-1", "--metric", "cpu.busy_pct");

        Assert.Equal(0, code);
        Assert.Contains("tokyo-1 · cpu.busy_pct — rule cpu.busy_pct:baseline", output, StringComparison.Ordinal);
        Assert.Contains("static:  warning > 70, critical > 85 (rule cpu)", output, StringComparison.Ordinal);
        Assert.Matches(@"highest learned hours \(UTC\): 03:00 \d+", output);
        Assert.Matches(@"  03:00 +7 +95 ", output); // the detailed table: 7 days learned for the backup hour
        Assert.Contains("1 series on 1 node(s) from 504 sample(s)", output, StringComparison.Ordinal);
        Assert.Contains("baseline: 504 of 504 rows read (100 %)", errors, StringComparison.Ordinal);
        Assert.Equal(before, File.GetLastWriteTimeUtc(_history.DatabasePath)); // read only
    }

    [Fact]
    public async Task Run_EveryNodeAndMetric_ListsEachLearnedSeries()
    {
        await WriteWeekAsync("tokyo-1");
        await WriteWeekAsync("osaka-1");
        _history.Time.SetUtcNow(StoredHistory.Start.AddDays(8));

        var (code, output, _) = Run("--lang", "zh-CN");

        Assert.Equal(0, code);
        Assert.Equal(4, output.Split('\n').Count(l => l.Contains(" — 规则 ", StringComparison.Ordinal))); // cpu and memory on both
        Assert.Contains("共 2 个节点的 4 个序列", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_NoDatabaseYet_SaysSoAndCreatesNothing()
    {
        var (code, _, errors) = Run();

        Assert.Equal(CommandLine.ExitStorage, code);
        Assert.Contains("does not exist: nothing has been monitored", errors, StringComparison.Ordinal);
        Assert.False(File.Exists(_history.DatabasePath));
    }

    [Fact]
    public async Task Run_UnknownNodeOrMetric_NamesWhatIsKnown()
    {
        await _history.WriteAsync("tokyo-1", 0.1, TimeSpan.FromMinutes(10), _ => 12);

        var node = Run("--node", "tokio-1");
        var metric = Run("--metric", "cpu.bussy_pct");

        Assert.Equal((65, 65), (node.Code, metric.Code));
        Assert.Contains("unknown node 'tokio-1'", node.Err, StringComparison.Ordinal);
        Assert.Contains("(known: tokyo-1)", node.Err, StringComparison.Ordinal);
        Assert.Contains("unknown metric 'cpu.bussy_pct': no stored sample has it (metrics seen: cpu.busy_pct, mem.used_pct)", metric.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_NoSamplesInTheWindowOrABadOption_ExplainsWhy()
    {
        await _history.WriteAsync("tokyo-1", 0.1, TimeSpan.FromMinutes(10), _ => 12);
        _history.Time.SetUtcNow(StoredHistory.Start.AddDays(30));

        var old = Run("--days", "7");
        var bad = Run("--days", "many");

        Assert.Equal(65, old.Code);
        Assert.Contains("no samples since 2026-12-09 00:00 UTC", old.Err, StringComparison.Ordinal);
        Assert.Equal(CommandLine.ExitUsage, bad.Code);
        Assert.Contains("--days must be a whole number of days from 1 to 90, got 'many'", bad.Err, StringComparison.Ordinal);
    }
}
