using System.Globalization;
using System.Text;
using System.Text.Json;
using ChatOpsWatch.Worker.Cli;

namespace ChatOpsWatch.Worker.Tests.Cli;

public sealed class BacktestCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("backtest-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>A 10-minute series: 50 with a 95 spike from minute 3 to 5, in the columns given.</summary>
    private string SpikeCsv(string header, Func<double, string> row)
    {
        var text = new StringBuilder(header).Append('\n');
        for (var minute = 0; minute < 10; minute++)
        {
            var value = minute is >= 3 and < 6 ? 95.0 : 50.0;
            text.Append(CultureInfo.InvariantCulture, $"2026-11-02T00:{minute:00}:00Z,").Append(row(value)).Append('\n');
        }

        return Write("input.csv", text.ToString());
    }

    private const string Rules = """{"rules": [{"id": "cpu-hot", "kind": "threshold", "warning": 80, "critical": 90, "warningRecovery": 70}]}""";

    private static async Task<(int Code, string Errors)> Run(params string[] args)
    {
        using var errors = new StringWriter();
        var code = await BacktestCommand.RunAsync(args, errors);
        return (code, errors.ToString());
    }

    [Fact]
    public async Task RunAsync_IoQueueClimbWithIoTrendRule_WarnsBeforeSaturation()
    {
        // 30 minutes at 0.5 in flight, then a climb of 0.2 a minute; one row every 30 s.
        var text = new StringBuilder("timestamp,disk.io.queue\n");
        for (var s = 0; s < 90 * 60; s += 30)
        {
            var queue = s < 1800 ? 0.5 : 0.5 + ((s - 1800) / 60.0 * 0.2);
            text.Append(CultureInfo.InvariantCulture, $"{new DateTime(2026, 11, 2).AddSeconds(s):yyyy-MM-dd HH:mm:ss},{queue + ((s / 30 % 3) * 0.05)}\n");
        }

        var output = Path.Combine(_dir, "io.jsonl");
        var rules = Write("io.json", """[{"id": "db-disk", "kind": "iotrend", "floor": 1, "for": "2m"}]""");

        var (code, errors) = await Run("--input", Write("io.csv", text.ToString()), "--metric", "disk.io.queue", "--rules", rules, "--output", output);

        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(Assert.Single(File.ReadAllLines(output)));
        var start = DateTimeOffset.Parse(json.RootElement.GetProperty("start").GetString()!, CultureInfo.InvariantCulture);
        Assert.InRange(start, new DateTimeOffset(2026, 11, 2, 0, 35, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 2, 0, 50, 0, TimeSpan.Zero));
        Assert.Contains("1 episode(s)", errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_IoTrendRuleWithoutFloor_NamesTheKey()
    {
        var (code, errors) = await Run("--input", SpikeCsv("timestamp,value", v => $"{v}"), "--metric", "q", "--rules", Write("r.json", """[{"id": "q", "kind": "iotrend"}]"""), "--output", Path.Combine(_dir, "o.jsonl"));

        Assert.Equal(CommandLine.ExitConfig, code);
        Assert.Contains("rules[0].floor: is required for iotrend", errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_SpikeWithRulesFile_WritesOneEpisodeLine()
    {
        var output = Path.Combine(_dir, "out.jsonl");

        var (code, errors) = await Run("--input", SpikeCsv("timestamp,value", v => $"{v}"), "--metric", "cpu", "--rules", Write("r.json", Rules), "--output", output);

        Assert.Equal(0, code);
        Assert.Contains("10 samples, 1 episode(s)", errors, StringComparison.Ordinal);
        var line = Assert.Single(File.ReadAllLines(output));
        using var json = JsonDocument.Parse(line);
        Assert.Equal("2026-11-02T00:03:00Z", json.RootElement.GetProperty("start").GetString());
        Assert.Equal("2026-11-02T00:06:00Z", json.RootElement.GetProperty("end").GetString());
        Assert.Equal("critical", json.RootElement.GetProperty("severity").GetString());
        Assert.Equal("cpu-hot", json.RootElement.GetProperty("rule").GetString());
        Assert.Equal("95 above 90 (critical)", json.RootElement.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task RunAsync_SeveralMetricColumns_ReplaysTheNamedOne()
    {
        var output = Path.Combine(_dir, "out.jsonl");

        var (code, _) = await Run("--input", SpikeCsv("timestamp,mem,cpu", v => $"10,{v}"), "--metric", "cpu", "--rules", Write("r.json", Rules), "--output", output);

        Assert.Equal(0, code);
        Assert.Single(File.ReadAllLines(output));
    }

    [Fact]
    public async Task RunAsync_BadRow_NamesTheLineAndWritesNothing()
    {
        var input = Write("bad.csv", "timestamp,value\n2026-11-02 00:00:00,5\n2026-11-02 00:01:00,5\n2026-11-02 00:02:00,five\n");
        var output = Path.Combine(_dir, "out.jsonl");

        var (code, errors) = await Run("--input", input, "--metric", "cpu", "--output", output);

        Assert.Equal(BacktestCommand.ExitData, code);
        Assert.Contains("line 4: 'five' in column 'cpu' is not a number", errors, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(_dir, "out.jsonl*"));
    }

    [Theory]
    [InlineData("timestamp,value\n02/11/2026 00:00,5\n", "line 2: '02/11/2026 00:00' is not a timestamp")]
    [InlineData("time,value\n", "line 1: expected a header 'timestamp,value'")]
    [InlineData("timestamp,disk\n", "line 1: no column named 'cpu'; the columns are disk")]
    [InlineData("timestamp,value\n2026-11-02 00:00:00,5,6\n", "line 2: expected 2 comma-separated cells, got 3")]
    public async Task RunAsync_MalformedInput_ExplainsWhatIsWrong(string csv, string expected)
    {
        var (code, errors) = await Run("--input", Write("in.csv", csv), "--metric", "cpu", "--output", Path.Combine(_dir, "o.jsonl"));

        Assert.Equal(BacktestCommand.ExitData, code);
        Assert.Contains(expected, errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_OutOfOrderAndDuplicateRows_CountsThemOnStderrAndReplaysTheRest()
    {
        // A DST-style repeat (00:03 steps back to 00:01 and 00:02) and a duplicated 00:05 row, in a spike that
        // must still alert once: the skipped rows neither refuse the file nor break the episode.
        var input = Write("messy.csv", "timestamp,value\n"
            + "2026-11-02 00:00:00,50\n2026-11-02 00:01:00,50\n2026-11-02 00:02:00,50\n2026-11-02 00:03:00,95\n"
            + "2026-11-02 00:01:00,95\n2026-11-02 00:02:00,95\n2026-11-02 00:04:00,95\n2026-11-02 00:05:00,95\n"
            + "2026-11-02 00:05:00,50\n2026-11-02 00:06:00,50\n2026-11-02 00:07:00,50\n");
        var output = Path.Combine(_dir, "out.jsonl");

        var (code, errors) = await Run("--input", input, "--metric", "cpu", "--rules", Write("r.json", Rules), "--output", output);

        Assert.Equal(0, code);
        Assert.Contains("skipped 2 out-of-order row(s) (first at line 6) and 1 duplicate timestamp(s) (first at line 10)", errors, StringComparison.Ordinal);
        Assert.Contains("backtest: 8 samples", errors, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(Assert.Single(File.ReadAllLines(output)));
        Assert.Equal("2026-11-02T00:03:00Z", json.RootElement.GetProperty("start").GetString());
        Assert.Equal("critical", json.RootElement.GetProperty("severity").GetString());
    }

    [Fact]
    public async Task RunAsync_WrongRules_ReportsEveryProblemWithItsKeyPath()
    {
        var rules = Write("r.json", """[{"id": "a", "kind": "threshold"}, {"id": "b", "kind": "tresh"}, {"kind": "baseline", "for": "soon"}]""");

        var (code, errors) = await Run("--input", SpikeCsv("timestamp,value", v => $"{v}"), "--metric", "cpu", "--rules", rules, "--output", Path.Combine(_dir, "o.jsonl"));

        Assert.Equal(CommandLine.ExitConfig, code);
        Assert.Contains("rules[0].warning: is required for this kind", errors, StringComparison.Ordinal);
        Assert.Contains("rules[1].kind: must be threshold, rate, absence, baseline, forecast or iotrend, got 'tresh'", errors, StringComparison.Ordinal);
        Assert.Contains("rules[2].for: must be a duration", errors, StringComparison.Ordinal);
        Assert.Contains("rules[2].id: is required", errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_MissingArguments_PrintsUsage()
    {
        var (code, errors) = await Run("--input", "x.csv");

        Assert.Equal(CommandLine.ExitUsage, code);
        Assert.Contains("usage: chatopswatch backtest", errors, StringComparison.Ordinal);
    }
}
