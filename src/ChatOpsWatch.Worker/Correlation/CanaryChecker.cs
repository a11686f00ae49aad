using System.Net.Sockets;
using ChatOpsWatch.Domain.Correlation;

namespace ChatOpsWatch.Worker.Correlation;

/// <summary>
/// TCP-connects to every canary at once. Any failure (refused, timed out, name not resolved) counts as failed: the
/// question is whether the monitor can get out, and a canary that refuses is one the operator chose badly.
/// </summary>
public sealed class CanaryChecker(TimeProvider time)
{
    public async Task<CanaryStatus> CheckAsync(IReadOnlyList<CanaryTarget> canaries, TimeSpan timeout, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(canaries);
        var results = await Task.WhenAll(canaries.Select(c => ConnectsAsync(c, timeout, ct)));
        var failed = canaries.Where((_, i) => !results[i]).Select(c => c.ToString()).ToList();
        return new CanaryStatus([.. canaries.Select(c => c.ToString())], failed, time.GetUtcNow());
    }

    private static async Task<bool> ConnectsAsync(CanaryTarget canary, TimeSpan timeout, CancellationToken ct)
    {
        using var client = new TcpClient();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout);
        try
        {
            await client.ConnectAsync(canary.Host, canary.Port, deadline.Token);
            client.Client.LingerState = new System.Net.Sockets.LingerOption(true, 0); // RST: no TIME_WAIT per check
            return true;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return false;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
