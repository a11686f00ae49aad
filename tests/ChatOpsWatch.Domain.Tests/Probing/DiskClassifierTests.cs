using ChatOpsWatch.Domain.Probing;
using ChatOpsWatch.Domain.Samples;

namespace ChatOpsWatch.Domain.Tests.Probing;

public sealed class DiskClassifierTests
{
    [Theory]
    [InlineData("/", "ext4", "/dev/vda1", DiskKind.System)]
    [InlineData("/", "overlay", "overlay", DiskKind.System)]
    [InlineData("/", "tmpfs", "tmpfs", DiskKind.System)]
    [InlineData("/boot", "ext4", "/dev/vda2", DiskKind.System)]
    [InlineData("/boot/efi", "vfat", "/dev/vda15", DiskKind.System)]
    [InlineData("/data", "xfs", "/dev/sdb1", DiskKind.Data)]
    [InlineData("/mnt/backup", "nfs4", "nas:/export/backup", DiskKind.Data)]
    [InlineData("/mnt/windows", "fuseblk", "/dev/sdc1", DiskKind.Data)]
    [InlineData("/mnt/unknown", null, "/dev/sdd1", DiskKind.Data)]
    [InlineData("/dev/shm", "tmpfs", "tmpfs", null)]
    [InlineData("/snap/core22/1380", "squashfs", "/dev/loop3", null)]
    [InlineData("/sys/fs/cgroup", "cgroup2", "cgroup2", null)]
    [InlineData("/run/user/0/gvfs", "fuse.gvfsd-fuse", "gvfsd-fuse", null)]
    [InlineData("/var/lib/docker/overlay2/x/merged", "overlay", "overlay", null)]
    [InlineData("/mnt/odd", null, "none", null)]
    public void Classify_Mount_GivesKindOrLeavesItOut(string mount, string? fsType, string device, DiskKind? expected)
    {
        var usage = new MountUsage(mount, fsType, device, 100, 50, 50, null);

        Assert.Equal(expected, DiskClassifier.Classify(usage));
    }

    [Fact]
    public void Classify_VirtualMountNamedInFilter_IsData()
    {
        var usage = new MountUsage("/var/cache/ram", "tmpfs", "tmpfs", 100, 50, 50, null);

        Assert.Equal(DiskKind.Data, DiskClassifier.Classify(usage, DiskFilter.Including("/var/cache/ram")));
        Assert.Null(DiskClassifier.Classify(usage, DiskFilter.Including("/var/cache")));
    }
}
