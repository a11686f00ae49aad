using ChatOpsWatch.Domain.Indicators;
using ChatOpsWatch.Domain.Samples;
using ChatOpsWatch.Domain.Status;
using ChatOpsWatch.Domain.Text;

namespace ChatOpsWatch.Domain.Tests.Indicators;

public sealed class IndicatorStatusLineTests
{
    private static readonly Sample Sample = new("web-1", new DateTimeOffset(2026, 12, 4, 2, 0, 0, TimeSpan.Zero), new Dictionary<string, double>
    {
        ["tcp.connections"] = 42,
        ["proc.rss_bytes{name=nginx}"] = 3 * 1024 * 1024,
        ["mem.used_pct"] = 50,
    });

    private static readonly Indicator[] Shown =
    [
        .. IndicatorCatalog.All.Where(i => i.Name is "tcp.connections" or "proc.rss_bytes").Select(i => i with { Display = i.Display with { Status = StatusPlacement.Line } }),
        .. IndicatorCatalog.All.Where(i => i.Name == "mem.used_pct"), // grouped: the memory line shows it, not a line of its own
    ];

    [Fact]
    public void OwnLines_Chinese_WriteTheCatalogueTitleAndFormattedValue()
    {
        var lines = NodeLayers.OwnLines(Sample, Shown, TextCatalog.Chinese).ToList();

        Assert.Equal(["TCP 连接数：42", "进程内存 {name=nginx}：3 MiB"], lines);
    }

    [Fact]
    public void OwnLines_English_WriteTheCatalogueTitleAndFormattedValue()
    {
        var lines = NodeLayers.OwnLines(Sample, Shown, TextCatalog.English).ToList();

        Assert.Equal(["TCP connections: 42", "Process memory {name=nginx}: 3 MiB"], lines);
    }

    [Theory]
    [InlineData(ValueFormat.Pct, 87.4, "87 %")]
    [InlineData(ValueFormat.Ms, 12.54, "12.5 ms")]
    [InlineData(ValueFormat.Num, 1.256, "1.26")]
    [InlineData(ValueFormat.Size, 512, "512 B")]
    [InlineData(ValueFormat.Size, 1536, "1.5 KiB")]
    public void Format_EachValueFormat_WritesTheUnit(ValueFormat format, double value, string expected) =>
        Assert.Equal(expected, IndicatorValue.Format(format, value));
}
