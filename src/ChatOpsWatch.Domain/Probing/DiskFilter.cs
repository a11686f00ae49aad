namespace ChatOpsWatch.Domain.Probing;

/// <summary>
/// Mount points to watch although their filesystem type is virtual (a tmpfs used as a data disk,
/// say). They are reported as data disks. Paths are compared exactly, after dropping a trailing '/'.
/// </summary>
public sealed record DiskFilter
{
    private DiskFilter(IReadOnlySet<string> includeMounts) => IncludeMounts = includeMounts;

    public IReadOnlySet<string> IncludeMounts { get; }

    public static DiskFilter Including(params IEnumerable<string> mounts) =>
        new(mounts.Select(Normalize).ToHashSet(StringComparer.Ordinal));

    public bool Includes(string mount) => IncludeMounts.Contains(Normalize(mount));

    private static string Normalize(string mount)
    {
        var trimmed = mount.TrimEnd('/');
        return trimmed.Length == 0 ? "/" : trimmed;
    }
}
