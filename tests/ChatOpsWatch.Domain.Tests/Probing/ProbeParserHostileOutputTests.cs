using ChatOpsWatch.Domain.Probing;

namespace ChatOpsWatch.Domain.Tests.Probing;

/// <summary>Output a broken or hostile node prints: every case is a named rejection or a clean read, never an exception.</summary>
public sealed class ProbeParserHostileOutputTests
{
    private static string V2 => ProbeFixtures.Read(ProbeFixtures.V2Dash);

    [Theory]
    [InlineData("   ", "only whitespace")]
    [InlineData("\t ", "only whitespace")]
    public void Parse_WhitespaceOnlyLine_IsANamedRejection(string line, string error)
    {
        var result = ProbeParser.Parse(V2.Replace("ncpu 2\n", "ncpu 2\n" + line + "\n", StringComparison.Ordinal));

        Assert.False(result.IsSuccess);
        Assert.Contains(error, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_WhitespaceOnlyOutput_IsNotAProbeOutput()
    {
        var result = ProbeParser.Parse("   \n \n");

        Assert.Equal("not a cowprobe output: first line was '   '", result.Error);
    }

    [Theory]
    [InlineData("clock", "clock NaN")]
    [InlineData("clock", "clock Infinity")]
    [InlineData("load", "load NaN 0.1 0.1")]
    [InlineData("load", "load 0.1 Infinity 0.1")]
    [InlineData("uptime", "uptime NaN")]
    public void Parse_NaNOrInfinity_IsANamedRejection(string section, string line)
    {
        var result = ProbeParser.Parse(ProbeFixtures.WithLine(ProbeFixtures.V2Dash, section, line));

        Assert.False(result.IsSuccess);
        Assert.Contains("is not a finite number", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ClockOf400Digits_IsRejectedNotReadAsInfinity()
    {
        var result = ProbeParser.Parse(ProbeFixtures.WithLine(ProbeFixtures.V2Dash, "clock", "clock " + new string('9', 400)));

        Assert.False(result.IsSuccess);
        Assert.Contains("clock field 1", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ThreeKilobyteBannerBeforeTheOutput_ReadsEveryIndicatorAndReportsTheNoise()
    {
        var banner = string.Concat(Enumerable.Repeat("*** Authorised access only. All activity is logged. ***\n", 56));

        var result = ProbeParser.Parse(banner + V2);

        Assert.True(result.IsSuccess, result.Error);
        var plain = ProbeParser.Parse(V2).Snapshot!;
        Assert.Equal(SampleCalculator.Compute("n", plain, plain, DateTimeOffset.UnixEpoch).Values, SampleCalculator.Compute("n", plain, result.Snapshot, DateTimeOffset.UnixEpoch).Values);
        Assert.Equal(plain.Mounts, result.Snapshot.Mounts);
        Assert.Equal(plain.System.Interfaces, result.Snapshot.System.Interfaces);
        Assert.Equal(plain.Unavailable, result.Snapshot.Unavailable);
        Assert.Equal(new ProbeNoise(banner.Length, 56, "*** Authorised access only. All activity is logged. ***"), result.Noise);
    }

    [Fact]
    public void Parse_OutputWithoutNoise_HasNoNoise() => Assert.Null(ProbeParser.Parse(V2).Noise);

    [Fact]
    public void Parse_WithNonce_SkipsAFakeHeaderInTheNoiseAndReadsTheFramedOutput()
    {
        var framed = V2.Replace("cowprobe 2\n", "cowprobe 2 a1b2c3\n", StringComparison.Ordinal).Replace("\nend\n", "\nend a1b2c3\n", StringComparison.Ordinal);

        var result = ProbeParser.Parse("cowprobe 2\nload 9 9 9\nend\n" + framed, "a1b2c3");

        Assert.True(result.IsSuccess, result.Error);
        Assert.Equal(8.80, result.Snapshot.Load!.One, 3);
        Assert.Equal(3, result.Noise!.Lines);
    }

    [Fact]
    public void Parse_WithNonceButOutputUnframedAfterNoise_IsNotAProbeOutput()
    {
        Assert.True(ProbeParser.Parse(V2, "a1b2c3").IsSuccess);

        var result = ProbeParser.Parse("banner\n" + V2, "a1b2c3");

        Assert.Equal("not a cowprobe output: first line was 'banner'", result.Error);
    }

    [Fact]
    public void Parse_ControlCharactersInTheFirstLine_AreEscapedInTheError()
    {
        var result = ProbeParser.Parse("\u001b]0;owned\u0007\u0000\u000b\u001b[2J login\nx\n");

        Assert.Equal("not a cowprobe output: first line was '\\x1b]0;owned\\x07\\x00\\x0b\\x1b[2J login'", result.Error);
    }

    [Fact]
    public void Parse_EscapesInAMountName_AreEscapedInTheSnapshot()
    {
        var result = ProbeParser.Parse(V2.Replace("end\n", "disk /mnt/\\033[31mred ext4 /dev/vdb 100 10 90 - - -\nend\n", StringComparison.Ordinal));

        Assert.True(result.IsSuccess, result.Error);
        Assert.Contains(result.Snapshot.Mounts, m => m.Mount == "/mnt/\\x1b[31mred");
    }
}
