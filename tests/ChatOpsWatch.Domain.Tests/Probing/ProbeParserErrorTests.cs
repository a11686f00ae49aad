using ChatOpsWatch.Domain.Probing;

namespace ChatOpsWatch.Domain.Tests.Probing;

public sealed class ProbeParserErrorTests
{
    [Theory]
    [InlineData("", "not a cowprobe output: the output was empty")]
    [InlineData("\n\r\n", "not a cowprobe output: the output was empty")]
    [InlineData("<!DOCTYPE html>\n<html><body>502 Bad Gateway</body></html>\n", "not a cowprobe output: first line was '<!DOCTYPE html>'")]
    [InlineData("Welcome to Ubuntu 24.04 LTS\nno probe here\n", "not a cowprobe output: first line was 'Welcome to Ubuntu 24.04 LTS'")]
    [InlineData("cowprobe 7\nend\n", "unsupported probe format version 7 (this parser reads versions 1 to 2)")]
    [InlineData("cowprobe one\nend\n", "unsupported probe format version one (this parser reads versions 1 to 2)")]
    public void Parse_NotAVersion1Probe_SaysWhatItSaw(string output, string error)
    {
        var result = ProbeParser.Parse(output);

        Assert.False(result.IsSuccess);
        Assert.Equal(error, result.Error);
    }

    [Fact]
    public void Parse_OutputCutOffMidway_IsTruncated()
    {
        var full = ProbeFixtures.Read(ProbeFixtures.Debian12);
        var cut = full[..full.IndexOf("disk / ", StringComparison.Ordinal)] + "disk / ext4 /dev/vda 2642";

        var result = ProbeParser.Parse(cut);

        Assert.Equal("truncated: no 'end' line (output stops at line 11: 'disk / ext4 /dev/vda 2642')", result.Error);
    }

    [Theory]
    [InlineData("cpu", "cpu 1 2 3", "line 5: cpu line has 3 fields, expected ≥ 8")]
    [InlineData("cpu", "cpu 1 2 3 4 5 6 -7 8", "line 5: cpu field 7 '-7' is not a whole number")]
    [InlineData("load", "load 0.5 abc 0.1", "line 7: load field 2 'abc' is not a number")]
    [InlineData("mem", "mem 100 50", "line 8: mem line has 2 fields, expected ≥ 4")]
    [InlineData("uptime", "uptime", "line 3: uptime line has 0 fields, expected ≥ 1")]
    [InlineData("ncpu", "ncpu 0", "line 6: ncpu 0 is not a CPU count")]
    [InlineData("ncpu", "ncpu 2\nncpu 2", "line 7: duplicate 'ncpu' line")]
    [InlineData("boot", "unavailable", "line 4: unavailable line names no section")]
    public void Parse_MalformedSectionLine_NamesTheLineAndProblem(string section, string replacement, string error)
    {
        var output = ProbeFixtures.WithLine(ProbeFixtures.Debian12, section, replacement);

        var result = ProbeParser.Parse(output);

        Assert.Equal(error, result.Error);
    }

    [Theory]
    [InlineData("disk /data xfs /dev/sdb1 100 50", "line 9: disk line has 5 fields, expected ≥ 9")]
    [InlineData("disk /data xfs /dev/sdb1 100 50 x - - -", "line 9: disk field 6 'x' is not a whole number")]
    [InlineData("disk /data xfs /dev/sdb1 100 50 50 - 3 -", "line 9: disk field 7 '-' is not a whole number")]
    [InlineData("disk /dev devtmpfs devtmpfs 1 0 1 - - -", "line 10: duplicate disk line for mount '/dev'")]
    public void Parse_MalformedDiskLine_NamesTheLineAndProblem(string line, string error)
    {
        var output = ProbeFixtures.Read(ProbeFixtures.Debian12).Replace("disk /dev ", line + "\ndisk /dev ", StringComparison.Ordinal);

        var result = ProbeParser.Parse(output);

        Assert.Equal(error, result.Error);
    }

    [Fact]
    public void Parse_TextAfterEnd_IsRejected()
    {
        var output = ProbeFixtures.Read(ProbeFixtures.Debian12) + "\nlogout\n";

        var result = ProbeParser.Parse(output);

        Assert.Equal("line 15: unexpected text after the 'end' line: 'logout'", result.Error);
    }

    [Theory]
    [InlineData("", "不是探针输出：输出为空")]
    [InlineData("Welcome to Ubuntu 24.04 LTS\nno probe here\n", "不是探针输出：第一行是 'Welcome to Ubuntu 24.04 LTS'")]
    [InlineData("cowprobe 7\nend\n", "不支持的探针格式版本 7（本程序可读取版本 1 至 2）")]
    public void Parse_NotAProbe_SaysWhatItSawInChinese(string output, string error)
    {
        var result = ProbeParser.Parse(output);

        Assert.Equal(error, result.Problem?.ZhCn);
    }

    [Fact]
    public void Parse_MalformedSectionLine_QuotesTheLineInChineseInsteadOfTheEnglishDetail()
    {
        var output = ProbeFixtures.WithLine(ProbeFixtures.Debian12, "load", "load 0.5 abc 0.1");

        var result = ProbeParser.Parse(output);

        Assert.Equal("line 7: load field 2 'abc' is not a number", result.Problem?.En);
        Assert.Equal("第 7 行有误：'load 0.5 abc 0.1'", result.Problem?.ZhCn);
    }

    [Fact]
    public void Parse_TextAfterEnd_IsRejectedInChinese()
    {
        var result = ProbeParser.Parse(ProbeFixtures.Read(ProbeFixtures.Debian12) + "\nlogout\n");

        Assert.Equal("第 15 行：'end' 行之后有多余的文本：'logout'", result.Problem?.ZhCn);
    }
}
