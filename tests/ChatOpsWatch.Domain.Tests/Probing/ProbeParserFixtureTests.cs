using ChatOpsWatch.Domain.Probing;

namespace ChatOpsWatch.Domain.Tests.Probing;

public sealed class ProbeParserFixtureTests
{
    [Theory]
    [InlineData(ProbeFixtures.Debian12)]
    [InlineData(ProbeFixtures.Debian12Later)]
    [InlineData(ProbeFixtures.Busybox)]
    [InlineData(ProbeFixtures.BusyboxNoDfInodes)]
    [InlineData(ProbeFixtures.SpaceMount)]
    [InlineData(ProbeFixtures.OldKernelSwap)]
    [InlineData(ProbeFixtures.ContainerOverlayRoot)]
    public void Parse_RealCapture_ReadsEveryCoreSection(string fixture)
    {
        var snapshot = ProbeFixtures.Snapshot(fixture);

        Assert.Equal(1, snapshot.FormatVersion);
        Assert.Equal("20784f02-934c-48d9-9093-dc2cfd385039", snapshot.BootId);
        Assert.NotNull(snapshot.NodeClock);
        Assert.True(snapshot.UptimeSeconds > 1900);
        Assert.NotNull(snapshot.Cpu);
        Assert.Equal(2, snapshot.CpuCount);
        Assert.NotNull(snapshot.Load);
        Assert.Equal(24684084, snapshot.Memory?.TotalKiB);
        Assert.Contains(snapshot.Mounts, m => m.Mount == "/");
    }

    [Fact]
    public void Parse_Debian12Capture_KeepsExactReadings()
    {
        var snapshot = ProbeFixtures.Snapshot(ProbeFixtures.Debian12);

        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1795551074), snapshot.NodeClock);
        Assert.Equal(1922.03, snapshot.UptimeSeconds);
        Assert.Equal(new CpuTimes(42932, 0, 8635, 330175, 1235, 0, 118, 139), snapshot.Cpu);
        Assert.Equal(new LoadAverage(2.53, 1.64, 0.81), snapshot.Load);
        Assert.Equal(new MemoryInfo(24684084, 24336340, 0, 0), snapshot.Memory);
        Assert.Equal(["/dev", "/dev/shm", "/", "/sys/fs/cgroup"], snapshot.Mounts.Select(m => m.Mount));
        Assert.Equal(
            new MountUsage("/", "ext4", "/dev/vda", 264212084, 13762448, 83015524, new InodeUsage(16777216, 420434, 16356782)),
            snapshot.Mounts[2]);
        Assert.Empty(snapshot.Unavailable);
    }

    [Fact]
    public void Parse_MountPointWithSpaces_DecodesTheWholePath()
    {
        var snapshot = ProbeFixtures.Snapshot(ProbeFixtures.SpaceMount);

        var mount = Assert.Single(snapshot.Mounts, m => m.Mount == "/tmp/cow probe space");
        Assert.Equal(("tmpfs", "cowspace", 2048L, 700L, 1348L), (mount.FsType, mount.Device, mount.SizeKiB, mount.UsedKiB, mount.AvailKiB));
    }

    [Fact]
    public void Parse_BusyboxWithoutDfInodes_KeepsDisksAndNotesInodesUnavailable()
    {
        var snapshot = ProbeFixtures.Snapshot(ProbeFixtures.BusyboxNoDfInodes);

        Assert.Contains(new ProbeUnavailable("inodes", "df-i"), snapshot.Unavailable);
        Assert.Equal(5, snapshot.Mounts.Count);
        Assert.All(snapshot.Mounts, m => Assert.Null(m.Inodes));
        Assert.Equal(13762468, snapshot.Mounts.Single(m => m.Mount == "/").UsedKiB);
    }

    [Fact]
    public void Parse_KernelWithoutMemAvailable_UsesTheProbesFallbackAndSwap()
    {
        var snapshot = ProbeFixtures.Snapshot(ProbeFixtures.OldKernelSwap);

        Assert.Equal(new MemoryInfo(24684084, 24515140, 2097148, 1572860), snapshot.Memory);
    }

    [Fact]
    public void Parse_ContainerCapture_HasOnlyTheOverlayRoot()
    {
        var snapshot = ProbeFixtures.Snapshot(ProbeFixtures.ContainerOverlayRoot);

        var root = Assert.Single(snapshot.Mounts);
        Assert.Equal(("/", "overlay"), (root.Mount, root.FsType));
    }

    [Fact]
    public void Parse_UnavailableLine_RecordsTheReasonAndKeepsTheRest()
    {
        var output = ProbeFixtures.WithLine(ProbeFixtures.Debian12, "cpu", "unavailable cpu /proc/stat");

        var snapshot = ProbeFixtures.Parsed(output);

        Assert.Null(snapshot.Cpu);
        Assert.Equal([new ProbeUnavailable("cpu", "/proc/stat")], snapshot.Unavailable);
        Assert.NotNull(snapshot.Memory);
    }

    [Fact]
    public void Parse_SectionMissingWithoutExplanation_IsNotedAsMissing()
    {
        var output = ProbeFixtures.WithLine(ProbeFixtures.Debian12, "load", null);

        var snapshot = ProbeFixtures.Parsed(output);

        Assert.Null(snapshot.Load);
        Assert.Equal([new ProbeUnavailable("load", "missing from the probe output")], snapshot.Unavailable);
    }

    [Fact]
    public void Parse_SectionFromANewerProbe_IsIgnored()
    {
        var output = ProbeFixtures.WithLine(ProbeFixtures.Debian12, "ncpu", "ncpu 2\nzfs tank ONLINE 71");

        var snapshot = ProbeFixtures.Parsed(output);

        Assert.Equal(2, snapshot.CpuCount);
        Assert.Empty(snapshot.Unavailable);
    }

    [Fact]
    public void Parse_WindowsLineEndings_ReadAsUnix()
    {
        var output = ProbeFixtures.Read(ProbeFixtures.Debian12).Replace("\n", "\r\n", StringComparison.Ordinal);

        var snapshot = ProbeFixtures.Parsed(output);

        Assert.Equal("20784f02-934c-48d9-9093-dc2cfd385039", snapshot.BootId);
        Assert.Equal(4, snapshot.Mounts.Count);
    }
}
