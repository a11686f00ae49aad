using System.Diagnostics;
using ChatOpsWatch.Domain.Ports;

namespace ChatOpsWatch.Infrastructure.Local;

/// <summary>
/// Probes the machine ChatOpsWatch runs on with the same script the SSH nodes get, through
/// /bin/sh, so a fresh install shows real data with no configuration.
/// </summary>
public sealed class LocalProbeRunner(string script, TimeSpan deadline, TimeProvider time) : IProbeRunner
{
    public async Task<ProbeRun> RunAsync(CancellationToken ct)
    {
        var started = time.GetTimestamp();
        var info = new ProcessStartInfo("/bin/sh")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(script);
        info.Environment["LC_ALL"] = "C";

        Process process;
        try
        {
            process = Process.Start(info) ?? throw new InvalidOperationException("/bin/sh did not start");
        }
        catch (Exception ex)
        {
            return new ProbeRun.Failure($"cannot start /bin/sh: {ex.Message}");
        }

        using (process)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(deadline);
            try
            {
                var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
                var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
                await process.WaitForExitAsync(timeout.Token);
                var output = await stdout;
                _ = await stderr;
                return new ProbeRun.Output(output, time.GetElapsedTime(started));
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                process.Kill(entireProcessTree: true);
                return new ProbeRun.Failure($"local probe exceeded its {deadline.TotalSeconds:0} s deadline");
            }
        }
    }
}
