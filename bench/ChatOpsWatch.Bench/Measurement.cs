using System.Diagnostics;

namespace ChatOpsWatch.Bench;

/// <summary>One measured round: how many operations (polls or handshakes), and what they cost.</summary>
internal sealed record RoundResult(int Operations, double MonitorCpuMs, double WallMs, double? NodeCpuMs)
{
    public double MonitorCpuMsPerOp => MonitorCpuMs / Operations;

    public double OpsPerSecond => Operations / (WallMs / 1000.0);

    public double? NodeCpuMsPerOp => NodeCpuMs / Operations;
}

/// <summary>The medians over rounds that the report quotes.</summary>
internal sealed record Medians(double MonitorCpuMsPerOp, double OpsPerSecond, double? NodeCpuMsPerOp)
{
    public static Medians Of(IReadOnlyList<RoundResult> rounds) => new(
        Median(rounds.Select(r => r.MonitorCpuMsPerOp)),
        Median(rounds.Select(r => r.OpsPerSecond)),
        rounds.All(r => r.NodeCpuMs is not null) ? Median(rounds.Select(r => r.NodeCpuMsPerOp!.Value)) : null);

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            throw new ArgumentException("no values", nameof(values));
        }

        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}

/// <summary>
/// Measures a round as the monitor's own CPU time: the whole process (every thread, GC included),
/// from getrusage via Environment.CpuUsage (microseconds; Process.TotalProcessorTime reads the same
/// counter from /proc in 10 ms ticks). Throughput is recorded too, but on a 2-core machine that
/// also runs the nodes it mostly measures sshd.
/// </summary>
internal static class Meter
{
    // Background work of the round (a reconnect session disposes its client on the thread pool)
    // finishes in this time: its CPU is counted (an idle process spends well under 1 ms here), and
    // the sshd processes have exited and been reaped before /proc is read.
    private static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(300);

    public static async Task<RoundResult> RoundAsync(int operations, Func<int, Task> run, NodeCpu? node)
    {
        var nodeBefore = node?.TotalMs();
        var cpuBefore = Environment.CpuUsage.TotalTime;
        var started = Stopwatch.GetTimestamp();
        await run(operations);
        var wall = Stopwatch.GetElapsedTime(started);
        await Task.Delay(Settle);
        var cpu = Environment.CpuUsage.TotalTime - cpuBefore;
        var nodeAfter = node?.TotalMs();
        return new RoundResult(operations, cpu.TotalMilliseconds, wall.TotalMilliseconds, nodeAfter - nodeBefore);
    }
}
