using System.Collections.Concurrent;
using System.Diagnostics;

namespace ChatOpsWatch.Worker.Tests.Support;

/// <summary>
/// The real chatopswatch executable in a child process, as an operator runs it: configuration
/// through environment variables, a working directory of its own, output captured line by line.
/// </summary>
public sealed class WorkerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();

    private WorkerProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => Add(e.Data);
        _process.ErrorDataReceived += (_, e) => Add(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public static string Dll => Path.Combine(AppContext.BaseDirectory, "chatopswatch.dll");

    public IReadOnlyList<string> Lines => [.. _lines];

    public string Output => string.Join('\n', _lines);

    public bool HasExited => _process.HasExited;

    public int Pid => _process.Id;

    public int ExitCode => _process.ExitCode;

    public static WorkerProcess Start(string workDir, IDictionary<string, string> env, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workDir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Dll);
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        // Keep the parent's ChatOpsWatch settings (if any) from leaking into the child.
        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("ChatOpsWatch__", StringComparison.OrdinalIgnoreCase) || k.StartsWith("CHATOPSWATCH_", StringComparison.Ordinal)).ToList())
        {
            info.Environment.Remove(key);
        }

        foreach (var (k, v) in env)
        {
            info.Environment[k] = v;
        }

        return new WorkerProcess(Process.Start(info)!);
    }

    /// <summary>Runs to exit (for check-config and start-up failures).</summary>
    public static async Task<(int ExitCode, string Output)> RunToExitAsync(string workDir, IDictionary<string, string> env, params string[] args)
    {
        await using var p = Start(workDir, env, args);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await p._process.WaitForExitAsync(cts.Token);
        p._process.WaitForExit();
        return (p.ExitCode, p.Output);
    }

    /// <summary>SIGKILL: no shutdown hooks, no flush — what a crash or OOM kill does.</summary>
    public void KillHard()
    {
        _process.Kill(entireProcessTree: false);
        _process.WaitForExit();
    }

    public async Task WaitForLineAsync(Func<string, bool> predicate, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_lines.Any(predicate))
            {
                return;
            }

            if (_process.HasExited)
            {
                throw new InvalidOperationException($"chatopswatch exited with {_process.ExitCode}:\n{Output}");
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"no matching output line within {timeout}:\n{Output}");
    }

    private void Add(string? line)
    {
        if (line is not null)
        {
            _lines.Enqueue(line);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
