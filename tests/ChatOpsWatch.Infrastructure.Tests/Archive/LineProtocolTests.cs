using ChatOpsWatch.Domain.Samples;
using ChatOpsWatch.Infrastructure.Archive;

namespace ChatOpsWatch.Infrastructure.Tests.Archive;

public sealed class LineProtocolTests
{
    private static readonly DateTimeOffset At = DateTimeOffset.FromUnixTimeMilliseconds(1_764_720_000_123);
    private static readonly ArchiveNodeTags Tags = new("db-1", "hetzner", "fsn", "core");

    [Fact]
    public void Lines_ProbeSample_OneLinePerFamilyAndLabelSet_FieldsAreTheRestOfTheName()
    {
        var sample = new Sample("db-1", At, new Dictionary<string, double>
        {
            ["cpu.busy_pct"] = 12.5,
            ["cpu.iowait_pct"] = 0.25,
            ["mem.used_pct"] = 63,
            ["disk.used_pct{kind=data,mount=/data}"] = 88.125,
            ["disk.inodes_used_pct{kind=data,mount=/data}"] = 2.1,
            ["disk.io.queue{device=sda}"] = 0.5,
            ["load.1"] = 0.42,
            ["net.tx_bytes_per_s{iface=eth0}"] = 992311,
            ["uptime"] = 86400,
        });

        Assert.Equal(
            [
                "cpu,node=db-1,provider=hetzner,region=fsn,role=core busy_pct=12.5,iowait_pct=0.25 1764720000123",
                "disk,device=sda,node=db-1,provider=hetzner,region=fsn,role=core io.queue=0.5 1764720000123",
                "disk,kind=data,mount=/data,node=db-1,provider=hetzner,region=fsn,role=core inodes_used_pct=2.1,used_pct=88.125 1764720000123",
                "load,node=db-1,provider=hetzner,region=fsn,role=core 1=0.42 1764720000123",
                "mem,node=db-1,provider=hetzner,region=fsn,role=core used_pct=63 1764720000123",
                "net,iface=eth0,node=db-1,provider=hetzner,region=fsn,role=core tx_bytes_per_s=992311 1764720000123",
                "uptime,node=db-1,provider=hetzner,region=fsn,role=core value=86400 1764720000123",
            ],
            LineProtocol.Lines(Tags, sample));
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("my disk", @"my\ disk")]
    [InlineData("a,b", @"a\,b")]
    [InlineData("k=v", @"k\=v")]
    [InlineData("say \"hi\"", @"say\ ""hi""")]
    [InlineData(@"C:\data", @"C:\data")]
    [InlineData(@"ends\", "ends_")]
    [InlineData(@"a\ b", @"a_\ b")]
    [InlineData("two\nlines\t", "two_lines_")]
    public void EscapeTag_HostileText_IsEscapedPerTheLineProtocolSpec(string text, string expected) =>
        Assert.Equal(expected, LineProtocol.EscapeTag(text));

    [Fact]
    public void Lines_HostileTagsAndLabels_EscapeCommasSpacesAndEqualsEverywhere()
    {
        var tags = new ArchiveNodeTags("n 1", "my,provider", "re=gion", "core");
        var sample = new Sample("n 1", At, new Dictionary<string, double>
        {
            [MetricKey.Format("proc.running", ("name", "my app \"x\""))] = 1,
            [MetricKey.Format("disk.used_pct", ("mount", @"/mnt/a b\"), ("node", "label-clash"))] = 5,
        });

        Assert.Equal(
            [
                @"disk,label_node=label-clash,mount=/mnt/a\ b_,node=n\ 1,provider=my\,provider,region=re\=gion,role=core used_pct=5 1764720000123",
                @"proc,name=my\ app\ ""x"",node=n\ 1,provider=my\,provider,region=re\=gion,role=core running=1 1764720000123",
            ],
            LineProtocol.Lines(tags, sample));
    }

    [Fact]
    public void Lines_NonFiniteValuesAndEmptyTags_AreLeftOut()
    {
        var sample = new Sample("db-1", At, new Dictionary<string, double>
        {
            ["cpu.busy_pct"] = double.NaN,
            ["cpu.user_pct"] = double.PositiveInfinity,
            ["mem.used_pct"] = 1e-5,
        });

        Assert.Equal(
            ["mem,node=db-1,provider=hetzner,role=core used_pct=1E-05 1764720000123"],
            LineProtocol.Lines(Tags with { Region = string.Empty }, sample));
    }
}
