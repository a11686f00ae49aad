using ChatOpsWatch.Domain.Samples;

namespace ChatOpsWatch.Domain.Probing;

/// <summary>Decides which mounts are disks worth watching, and whether each is the system disk or data.</summary>
public static class DiskClassifier
{
    private static readonly HashSet<string> SystemMounts = new(StringComparer.Ordinal) { "/", "/boot", "/boot/efi" };

    // Filesystems with no disk behind them, or that are full by design (squashfs snaps, iso9660).
    private static readonly HashSet<string> Virtual = new(StringComparer.Ordinal)
    {
        "autofs", "binfmt_misc", "bpf", "cgroup", "cgroup2", "configfs", "debugfs", "devpts", "devtmpfs",
        "efivarfs", "fuse", "fusectl", "hugetlbfs", "iso9660", "mqueue", "nfsd", "nsfs", "overlay", "proc",
        "pstore", "ramfs", "rootfs", "rpc_pipefs", "securityfs", "selinuxfs", "squashfs", "sysfs", "tmpfs",
        "tracefs", "aufs", "shm",
    };

    /// <summary>
    /// The mount's kind, or null when it is not watched. '/' is always watched whatever its type
    /// (containers have overlay roots); other virtual filesystems only when <paramref name="filter"/>
    /// names them. A mount whose type is unknown counts as real when its device is a path (/dev/...).
    /// </summary>
    public static DiskKind? Classify(MountUsage mount, DiskFilter? filter = null)
    {
        ArgumentNullException.ThrowIfNull(mount);
        if (mount.Mount == "/")
        {
            return DiskKind.System;
        }

        if (IsVirtual(mount) && filter?.Includes(mount.Mount) != true)
        {
            return null;
        }

        return SystemMounts.Contains(mount.Mount) ? DiskKind.System : DiskKind.Data;
    }

    public static bool IsVirtual(MountUsage mount)
    {
        ArgumentNullException.ThrowIfNull(mount);
        return mount.FsType is null
            ? !mount.Device.StartsWith('/')
            : Virtual.Contains(mount.FsType) || mount.FsType.StartsWith("fuse.", StringComparison.Ordinal);
    }
}
