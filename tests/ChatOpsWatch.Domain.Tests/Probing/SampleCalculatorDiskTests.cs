using ChatOpsWatch.Domain.Probing;
using ChatOpsWatch.Domain.Samples;

namespace ChatOpsWatch.Domain.Tests.Probing;

public sealed class SampleCalculatorDiskTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 24, 20, 0, 0, TimeSpan.Zero);

    private static Sample Compute(string fixture, DiskFilter? filter = null) =>
        SampleCalculator.Compute("web-1", null, ProbeFixtures.Snapshot(fixture), At, filter);

    private static string[] DiskKeys(Sample sample) =>
        sample.Values.Keys.Where(k => k.StartsWith("disk.", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToArray();

    [Fact]
    public void Compute_Debian12_ReportsOnlyTheRootDiskAsSystem()
    {
        var sample = Compute(ProbeFixtures.Debian12);

        Assert.Equal(["disk.inodes_used_pct{kind=system,mount=/}", "disk.used_pct{kind=system,mount=/}"], DiskKeys(sample));
        Assert.Equal(15, sample.Get(MetricNames.DiskUsed(DiskKind.System, "/"))); // 13762448 / (13762448 + 83015524), rounded up
        Assert.Equal(3, sample.Get(ProbeMetricNames.DiskInodesUsed(DiskKind.System, "/")));
    }

    [Fact]
    public void Compute_BusyboxListsABindMountOfRoot_ReportsTheDiskOnce()
    {
        var sample = Compute(ProbeFixtures.Busybox); // /run/netns is /dev/vda again

        Assert.Equal(["disk.inodes_used_pct{kind=system,mount=/}", "disk.used_pct{kind=system,mount=/}"], DiskKeys(sample));
    }

    [Fact]
    public void Compute_TmpfsNamedInTheFilter_IsReportedAsData()
    {
        var sample = Compute(ProbeFixtures.SpaceMount, DiskFilter.Including("/tmp/cow probe space/"));

        Assert.Equal(35, sample.Get("disk.used_pct{kind=data,mount=/tmp/cow probe space}")); // 700 of 2048 KiB
        Assert.Equal(1, sample.Get("disk.inodes_used_pct{kind=data,mount=/tmp/cow probe space}"));
    }

    [Fact]
    public void Compute_TmpfsNotInTheFilter_IsLeftOut()
    {
        var sample = Compute(ProbeFixtures.SpaceMount);

        Assert.DoesNotContain(sample.Values.Keys, k => k.Contains("cow probe space", StringComparison.Ordinal));
    }

    [Fact]
    public void Compute_ContainerWithOverlayRoot_KeepsRootAsSystem()
    {
        var sample = Compute(ProbeFixtures.ContainerOverlayRoot);

        Assert.Equal(1, sample.Get(MetricNames.DiskUsed(DiskKind.System, "/"))); // 4 of 65536 KiB, rounded up
    }

    [Fact]
    public void Compute_NoDfInodes_ReportsBlocksButNoInodes()
    {
        var sample = Compute(ProbeFixtures.BusyboxNoDfInodes);

        Assert.Equal(["disk.used_pct{kind=system,mount=/}"], DiskKeys(sample));
    }

    [Fact]
    public void Compute_RealDataDisksAndBoot_AreClassifiedAndKeptApartFromBindMounts()
    {
        var snapshot = ProbeFixtures.Snapshot(ProbeFixtures.Debian12) with
        {
            Mounts =
            [
                new MountUsage("/", "ext4", "/dev/vda1", 1000, 500, 500, null),
                new MountUsage("/boot/efi", "vfat", "/dev/vda15", 100, 10, 90, null),
                new MountUsage("/srv/data", "xfs", "/dev/sdb1", 1000, 901, 99, null),
                new MountUsage("/data", "xfs", "/dev/sdb1", 1000, 901, 99, null),
                new MountUsage("/snap/core22/1", "squashfs", "/dev/loop0", 100, 100, 0, null),
            ],
        };

        var sample = SampleCalculator.Compute("web-1", null, snapshot, At);

        Assert.Equal(
            ["disk.used_pct{kind=data,mount=/data}", "disk.used_pct{kind=system,mount=/boot/efi}", "disk.used_pct{kind=system,mount=/}"],
            DiskKeys(sample));
        Assert.Equal(91, sample.Get("disk.used_pct{kind=data,mount=/data}"));
    }

    [Theory]
    [InlineData(13640812, 83137160, 15.0)] // GNU df printed 15% for these
    [InlineData(1, 199, 1.0)]
    [InlineData(0, 100, 0.0)]
    [InlineData(100, 0, 100.0)]
    public void DfPercent_UsedAndAvailable_RoundsUpLikeDf(long used, long avail, double expected)
    {
        Assert.Equal(expected, SampleCalculator.DfPercent(used, avail));
    }

    [Fact]
    public void DfPercent_EmptyFilesystem_IsUnknown()
    {
        Assert.Null(SampleCalculator.DfPercent(0, 0));
    }
}
