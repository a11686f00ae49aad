using System.Diagnostics;

namespace ChatOpsWatch.Infrastructure.Tests.Probe;

internal sealed record ShellResult(int ExitCode, string Stdout, string Stderr, TimeSpan Elapsed);

/// <summary>Runs a real program and collects its output; kills it if it outlives <c>limit</c>.</summary>
internal static class Shell
{
    public static async Task<ShellResult> Run(
        string file, IEnumerable<string> args, IReadOnlyDictionary<string, string>? env = null, TimeSpan? limit = null)
    {
        var info = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in env ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {file}");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(limit ?? TimeSpan.FromSeconds(30));
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} still ran after {limit ?? TimeSpan.FromSeconds(30)}");
        }

        return new ShellResult(process.ExitCode, await stdout, await stderr, clock.Elapsed);
    }

    /// <summary>A fresh directory under /tmp, for PATH shims and fake /proc trees.</summary>
    public static string TempDir()
    {
        var dir = Path.Combine(Path.GetTempPath(), "cowprobe-test-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(dir);
        return dir;
    }

    /// <summary>Writes an executable shell script.</summary>
    public static void WriteExecutable(string path, string text)
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("the probe tests run shells: Linux only");
        }

        File.WriteAllText(path, text);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }
}
