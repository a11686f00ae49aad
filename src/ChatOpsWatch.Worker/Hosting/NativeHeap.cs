using System.Runtime.InteropServices;

namespace ChatOpsWatch.Worker.Hosting;

/// <summary>
/// Caps glibc's malloc arenas at 2, as <c>MALLOC_ARENA_MAX=2</c> does, before the fleet's threads start (issue 10). Every
/// SSH session has its own receive thread, and glibc gives threads up to 8 arenas per core, each holding its own freed
/// memory: at 1,000 lab nodes the Worker's RSS was 316 MB with the default and 303 MB with 2 arenas, at the same CPU per
/// poll (bench/results/poll-cost.md). Does nothing where the C library is not glibc.
/// </summary>
internal static class NativeHeap
{
    private const int ArenaMaxOption = -8; // M_ARENA_MAX in glibc's malloc.h

    public static void LimitArenas()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        try
        {
            _ = Mallopt(ArenaMaxOption, 2);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // musl and other C libraries: their allocator has no arenas to cap.
        }
    }

    // DllImport rather than LibraryImport: blittable arguments need no marshalling, and LibraryImport would need unsafe code.
#pragma warning disable SYSLIB1054
    [DllImport("libc", EntryPoint = "mallopt")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Mallopt(int option, int value);
#pragma warning restore SYSLIB1054
}
