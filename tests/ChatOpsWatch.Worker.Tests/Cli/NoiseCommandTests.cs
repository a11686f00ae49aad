using ChatOpsWatch.Domain.Engine.Policy;
using ChatOpsWatch.Worker.Cli;

namespace ChatOpsWatch.Worker.Tests.Cli;

public sealed class NoiseCommandTests : IDisposable
{
    private readonly StoredHistory _history = new();

    public void Dispose() => _history.Dispose();

    private (int Code, string Out, string Err) Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = NoiseCommand.Run(["--config", _history.ConfigPath, .. args], stdout, stderr, _history.Time);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task Run_StoredSpikesOneSilencedWhileFiring_ReportsSelfResolvedMutedAndASuggestion()
    {
        // Two days of 2-minute polls at 20 % CPU, with a 4-minute spike to 80–87 % every 4 hours.
        await _history.WriteAsync("tokyo-1", 2, TimeSpan.FromMinutes(2), t => t.Hour % 4 == 1 && t.Minute < 4 ? 80 + (t.Hour / 3) : 20);
        var firing = StoredHistory.Start.AddDays(1).AddHours(1);
        await _history.MuteAsync(new Silence("", [new Matcher("node", "tokyo-1")], firing.AddMinutes(2), firing.AddHours(1), "ana", "noisy cpu"));
        _history.Time.SetUtcNow(StoredHistory.Start.AddDays(2));

        var (code, output, errors) = Run("--days", "1");

        Assert.Equal(0, code);
        Assert.Contains("cpu: 6 episode(s); 6 resolved by themselves within 10m (100 %); 0 flapping; 1 muted before being acknowledged", output, StringComparison.Ordinal);
        Assert.Contains("suggestion: raise warning to 87", output, StringComparison.Ordinal);
        Assert.Contains("6 episode(s) of 1 rule(s) since 2026-11-17 00:00 UTC.", output, StringComparison.Ordinal);
        Assert.Contains("noise: 1,440 of 1,440 rows read (100 %)", errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_BacktestEpisodesFile_ReportsFromItWithoutADatabase()
    {
        var input = Path.Combine(Path.GetDirectoryName(_history.ConfigPath)!, "episodes.jsonl");
        await File.WriteAllLinesAsync(input,
        [
            """{"start": "2026-11-02T00:00:00Z", "end": "2026-11-02T00:03:00Z", "severity": "warning", "rule": "cpu-hot", "reason": "91 above 80"}""",
            """{"start": "2026-11-02T01:00:00Z", "end": "2026-11-02T01:05:00Z", "severity": "warning", "rule": "cpu-hot", "reason": "91 above 80"}""",
            "",
            """{"start": "2026-11-02T02:00:00Z", "end": null, "severity": "critical", "rule": "cpu-hot", "reason": "99 above 90"}""",
            """{"start": "2026-11-02T03:00:00Z", "end": "2026-11-02T03:04:00Z", "severity": "warning", "rule": "cpu-hot", "reason": "91 above 80"}""",
        ]);

        var (code, output, _) = Run("--input", input, "--self-resolve", "5m");

        Assert.Equal(0, code);
        Assert.Contains("cpu-hot: 4 episode(s); 3 resolved by themselves within 5m (75 %)", output, StringComparison.Ordinal);
        Assert.Contains("suggestion: for: 5m", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_BadEpisodesLineOrNoDatabase_ExplainsWhy()
    {
        var input = Path.Combine(Path.GetDirectoryName(_history.ConfigPath)!, "bad.jsonl");
        await File.WriteAllTextAsync(input, """{"start": "2026-11-02T00:00:00Z", "end": null, "severity": "warning", "rule": "cpu"}""" + "\nstart,end\n");

        var bad = Run("--input", input);
        var missing = Run();

        Assert.Equal(65, bad.Code);
        Assert.Contains("bad.jsonl: line 2: not a backtest episode", bad.Err, StringComparison.Ordinal);
        Assert.Equal(CommandLine.ExitStorage, missing.Code);
        Assert.Contains("does not exist", missing.Err, StringComparison.Ordinal);
    }
}
