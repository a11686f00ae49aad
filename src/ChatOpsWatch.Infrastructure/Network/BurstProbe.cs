using System.Net;
using ChatOpsWatch.Domain.Network;

namespace ChatOpsWatch.Infrastructure.Network;

/// <summary>
/// Sends a burst of probes one after another (never several packets at once, which would measure
/// the queue rather than the path). Stops early when the prober is not permitted, or when the
/// budget runs out; a probe cut short by the budget is not counted.
/// </summary>
public static class BurstProbe
{
    public sealed record Result(BurstStats Stats, string? NotPermitted);

    public static async Task<Result> RunAsync(IEchoProber prober, IPAddress address, int count, TimeSpan timeout, CancellationToken ct)
    {
        var results = new List<EchoResult>(count);
        for (var i = 0; i < count && !ct.IsCancellationRequested; i++)
        {
            EchoResult r;
            try
            {
                r = await prober.ProbeAsync(address, timeout, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                break;
            }

            if (r is EchoResult.NotPermitted denied)
            {
                return new Result(BurstStats.Of(results), denied.Reason);
            }

            results.Add(r);
        }

        return new Result(BurstStats.Of(results), null);
    }
}
