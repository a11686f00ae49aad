namespace ChatOpsWatch.Infrastructure.Tests.Probe;

/// <summary>BusyBox on this machine, if any, and a directory of its applets to use as PATH.</summary>
internal static class Busybox
{
    public const string Missing = "busybox is not installed: apt-get install -y busybox";

    private static readonly Lazy<string> LazyApplets = new(MakeApplets);

    public static string? Path { get; } =
        new[] { "/bin/busybox", "/usr/bin/busybox", "/sbin/busybox", "/usr/sbin/busybox" }.FirstOrDefault(File.Exists);

    /// <summary>A directory of symlinks to every applet (sh, df, awk, timeout...), as on Alpine.</summary>
    public static string Applets => LazyApplets.Value;

    private static string MakeApplets()
    {
        var dir = Shell.TempDir();
        var result = Shell.Run(Path!, ["--install", "-s", dir]).GetAwaiter().GetResult();
        if (result.ExitCode != 0 || !File.Exists(System.IO.Path.Combine(dir, "df")))
        {
            throw new InvalidOperationException($"busybox --install -s {dir} failed: {result.Stderr}");
        }

        return dir;
    }
}

/// <summary>A fact that is skipped, saying why, when busybox is not installed.</summary>
public sealed class BusyboxFactAttribute : FactAttribute
{
    public BusyboxFactAttribute()
    {
        if (Busybox.Path is null)
        {
            Skip = Busybox.Missing;
        }
    }
}
