using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Domain.Commands;

namespace ChatOpsWatch.Domain.Tests.Commands;

public sealed class SeriesResolverTests
{
    private static readonly string[] Known =
    [
        "cpu.busy_pct",
        "disk.used_pct{kind=system,mount=/}",
        "disk.used_pct{kind=data,mount=/data}",
        "net.tcp_connect_ms{port=22,stat=avg}",
    ];

    [Theory]
    [InlineData("cpu.busy_pct", "cpu.busy_pct")]
    [InlineData("disk.used_pct{mount=/data}", "disk.used_pct{kind=data,mount=/data}")]
    [InlineData("disk.used_pct{kind=data,mount=/data}", "disk.used_pct{kind=data,mount=/data}")]
    [InlineData("net.tcp_connect_ms", "net.tcp_connect_ms{port=22,stat=avg}")]
    public void Resolve_OneMatch_GivesTheStoredKey(string requested, string expected) =>
        Assert.Equal(expected, SeriesResolver.Resolve(requested, Known).Series);

    [Fact]
    public void Resolve_NameWithSeveralSeries_ListsThemInsteadOfGuessing()
    {
        var (series, candidates) = SeriesResolver.Resolve("disk.used_pct", Known);

        Assert.Null(series);
        Assert.Equal(["disk.used_pct{kind=data,mount=/data}", "disk.used_pct{kind=system,mount=/}"], candidates);
    }

    [Fact]
    public void Resolve_Unknown_IsNullWithNoCandidates()
    {
        var (series, candidates) = SeriesResolver.Resolve("disk.used_pct{mount=/srv}", Known);

        Assert.Null(series);
        Assert.Empty(candidates);
    }

    [Theory]
    [InlineData("cpu", "cpu.busy_pct")] // the rule's id
    [InlineData("Memory", "mem.used_pct")] // the rule's title, case ignored
    [InlineData("disk{mount=/data}", "disk.used_pct{kind=data,mount=/data}")] // the rule's series, labels kept
    [InlineData("load", "load.1")] // a short name: the one series of its family
    public void Resolve_RuleIdTitleOrShortName_GivesTheSeriesItStandsFor(string requested, string expected) =>
        Assert.Equal(expected, SeriesResolver.Resolve(requested, [.. Known, "mem.used_pct", "load.1"], ThresholdRule.Defaults).Series);

    [Theory]
    [InlineData("inodes{mount=/data}", "disk.inodes_used_pct{kind=data,mount=/data}")] // no family "inodes.*": the catalogue's short name
    [InlineData("MEM", "mem.used_pct")]
    public void Resolve_IndicatorShortName_GivesTheSeriesOfThatIndicator(string requested, string expected) =>
        Assert.Equal(expected, SeriesResolver.Resolve(requested, [.. Known, "mem.used_pct", "mem.other", "disk.inodes_used_pct{kind=data,mount=/data}"], ThresholdRule.Defaults).Series);

    [Fact]
    public void Resolve_RuleWhoseSeriesHasSeveralMounts_ListsThem()
    {
        var (series, candidates) = SeriesResolver.Resolve("disk", Known, ThresholdRule.Defaults);

        Assert.Null(series);
        Assert.Equal(["disk.used_pct{kind=data,mount=/data}", "disk.used_pct{kind=system,mount=/}"], candidates);
    }

    [Fact]
    public void Resolve_StoredNameBeatsARuleOfTheSameName()
    {
        Assert.Equal("cpu", SeriesResolver.Resolve("cpu", ["cpu", "cpu.busy_pct"], ThresholdRule.Defaults).Series);
        Assert.Empty(SeriesResolver.Resolve("nosuch", Known, ThresholdRule.Defaults).Candidates);
    }
}
