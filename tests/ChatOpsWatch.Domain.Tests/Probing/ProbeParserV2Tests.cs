using ChatOpsWatch.Domain.Probing;

namespace ChatOpsWatch.Domain.Tests.Probing;

public sealed class ProbeParserV2Tests
{
    [Theory]
    [InlineData(ProbeFixtures.V2Dash)]
    [InlineData(ProbeFixtures.V2Bash)]
    [InlineData(ProbeFixtures.V2BusyboxNoSsNoSystemctl)]
    public void Parse_RealFormat2Capture_ReadsEveryNodeSection(string fixture)
    {
        var snapshot = ProbeFixtures.Snapshot(fixture);

        Assert.Equal(2, snapshot.FormatVersion);
        var vda = Assert.Single(snapshot.System.DiskIo);
        Assert.Equal("vda", vda.Device); // loop0-7 and the idle zram0 of the capture machine are left out
        Assert.Contains(snapshot.System.Interfaces, i => i.Interface == "eth0");
        Assert.DoesNotContain(snapshot.System.Interfaces, i => i.Interface == "lo");
        Assert.NotNull(snapshot.System.Tcp);
        Assert.NotNull(snapshot.System.TimeWait);
        Assert.Equal(0, snapshot.System.OomKills);
        Assert.Equal([new ProcessUsage("cowsleeper", 2, snapshot.System.Processes[0].RssKiB), new ProcessUsage("nosuchproc", 0, 0)], snapshot.System.Processes);
        Assert.InRange(snapshot.System.Processes[0].RssKiB, 100, 100_000);
        Assert.Equal([new PortState(18235, true), new PortState(9, false)], snapshot.System.Ports);
        Assert.NotNull(snapshot.NodeClock);
        Assert.DoesNotContain(snapshot.Unavailable, u => u.Section != "systemd");
    }

    [Fact]
    public void Parse_DashWithGnuDate_KeepsTheClockToTheMillisecond()
    {
        var snapshot = ProbeFixtures.Snapshot(ProbeFixtures.V2Dash);

        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1795552892962), snapshot.NodeClock);
    }

    [Fact]
    public void Parse_BusyboxDateWithoutNanoseconds_FallsBackToWholeSeconds()
    {
        var snapshot = ProbeFixtures.Snapshot(ProbeFixtures.V2BusyboxNoSsNoSystemctl);

        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1795552895), snapshot.NodeClock);
    }

    [Theory]
    [InlineData(ProbeFixtures.V2Dash, "not-booted-with-systemd")]
    [InlineData(ProbeFixtures.V2BusyboxNoSsNoSystemctl, "no-systemctl")]
    public void Parse_NoSystemd_MarksOnlySystemdUnavailable(string fixture, string reason)
    {
        var snapshot = ProbeFixtures.Snapshot(fixture);

        Assert.Null(snapshot.System.SystemdFailedUnits);
        Assert.Equal(new ProbeUnavailable("systemd", reason), Assert.Single(snapshot.Unavailable));
    }

    [Fact]
    public void Parse_SystemdLine_ReadsTheFailedUnitCount()
    {
        var snapshot = ProbeFixtures.Parsed(ProbeFixtures.WithLine(ProbeFixtures.V2Dash, "unavailable systemd", "systemd 3"));

        Assert.Equal(3, snapshot.System.SystemdFailedUnits);
    }

    [Theory]
    [InlineData("dio", "dio vda 1 2 x 4 5 6 7 8 9")]
    [InlineData("net", "net eth0 1 2")]
    [InlineData("port", "port 70000 1")]
    [InlineData("proc", "proc nginx many 0")]
    public void Parse_MalformedFormat2Line_CostsOnlyThatIndicator(string section, string line)
    {
        var output = ProbeFixtures.Read(ProbeFixtures.V2Dash).Replace("end\n", line + "\nend\n", StringComparison.Ordinal);

        var result = ProbeParser.Parse(output);

        Assert.True(result.IsSuccess, result.Error);
        Assert.Contains(result.Snapshot.Unavailable, u => u.Section == section && u.Reason.StartsWith("unreadable line", StringComparison.Ordinal));
        Assert.NotNull(result.Snapshot.Cpu);
    }

    [Fact]
    public void Parse_Format2WithoutItsNewSections_ReportsEachAsMissing()
    {
        var v1Body = string.Join('\n', ProbeFixtures.Read(ProbeFixtures.Debian12).Split('\n').Skip(1));

        var snapshot = ProbeFixtures.Parsed("cowprobe 2\n" + v1Body);

        Assert.Equal(
            ["dio", "net", "tcp", "tw", "oom", "systemd"],
            snapshot.Unavailable.Where(u => u.Reason == "missing from the probe output").Select(u => u.Section));
    }

    [Fact]
    public void Parse_Format1Capture_StillReadsWithNoNodeSections()
    {
        var snapshot = ProbeFixtures.Snapshot(ProbeFixtures.Debian12);

        Assert.Equal(1, snapshot.FormatVersion);
        Assert.Empty(snapshot.System.DiskIo);
        Assert.Empty(snapshot.Unavailable);
    }
}
