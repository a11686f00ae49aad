using ChatOpsWatch.Domain.Probing;

namespace ChatOpsWatch.Domain.Tests.Probing;

/// <summary>Real probe captures (see Fixtures/README.md) and edits of them.</summary>
internal static class ProbeFixtures
{
    public const string Debian12 = "debian12-dash.txt";
    public const string Debian12Later = "debian12-dash-later.txt";
    public const string Busybox = "busybox.txt";
    public const string BusyboxNoDfInodes = "busybox-no-df-inodes.txt";
    public const string SpaceMount = "space-mount.txt";
    public const string OldKernelSwap = "old-kernel-swap.txt";
    public const string ContainerOverlayRoot = "container-overlay-root.txt";
    public const string V2Dash = "v2-debian12-dash.txt";
    public const string V2DashLater = "v2-debian12-dash-later.txt";
    public const string V2Bash = "v2-bash.txt";
    public const string V2BusyboxNoSsNoSystemctl = "v2-busybox-no-ss-no-systemctl.txt";

    public static string Read(string name) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Probing", "Fixtures", name));

    public static ProbeSnapshot Snapshot(string name) => Parsed(Read(name));

    public static ProbeSnapshot Parsed(string output)
    {
        var result = ProbeParser.Parse(output);
        Assert.True(result.IsSuccess, result.Error);
        return result.Snapshot;
    }

    /// <summary>The capture with the line starting with <paramref name="section"/> replaced (or removed when null).</summary>
    public static string WithLine(string name, string section, string? replacement) =>
        string.Join('\n', Read(name).Split('\n')
            .Select(l => l.StartsWith(section + " ", StringComparison.Ordinal) ? replacement : l)
            .Where(l => l is not null));
}
