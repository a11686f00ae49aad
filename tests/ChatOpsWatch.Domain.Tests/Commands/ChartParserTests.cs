using ChatOpsWatch.Domain.Commands;
using ChatOpsWatch.Domain.Text;

namespace ChatOpsWatch.Domain.Tests.Commands;

public sealed class ChartParserTests
{
    [Theory]
    [InlineData(new[] { "web-1", "cpu.busy_pct" }, "24h")]
    [InlineData(new[] { "web-1", "cpu.busy_pct", "1h" }, "1h")]
    [InlineData(new[] { "web-1", "disk.used_pct{mount=/data}", "7D" }, "7d")]
    public void Parse_WellFormed_GivesNodeMetricAndRange(string[] args, string range)
    {
        var (request, problem) = ChartParser.Parse(args, TextCatalog.English);

        Assert.Null(problem);
        Assert.Equal(args[1], request!.Metric);
        Assert.Equal(range, request.Range.Name);
    }

    [Theory]
    [InlineData(new[] { "web-1" }, "Usage: /chart")]
    [InlineData(new[] { "web-1", "cpu.busy_pct", "2w" }, "is not a range")]
    [InlineData(new[] { "web-1", "CPU busy" }, "is not a metric name")]
    [InlineData(new[] { "web-1", "cpu{mount}" }, "is not a metric name")]
    [InlineData(new[] { ".hidden", "cpu.busy_pct" }, "is not a valid node name")]
    public void Parse_Malformed_SaysWhy(string[] args, string expected)
    {
        var (request, problem) = ChartParser.Parse(args, TextCatalog.English);

        Assert.Null(request);
        Assert.Contains(expected, problem, StringComparison.Ordinal);
    }
}
