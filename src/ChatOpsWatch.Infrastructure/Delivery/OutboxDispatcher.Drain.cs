using ChatOpsWatch.Domain.Ports;
using Microsoft.Extensions.Logging;

namespace ChatOpsWatch.Infrastructure.Delivery;

/// <summary>SIGTERM (issue 13): after the delivery loop ends, one more pass sends what it can within <see cref="DrainBound"/>.</summary>
public sealed partial class OutboxDispatcher
{
    /// <summary>How long a stop waits for the last sends; what is left stays queued for the next start.</summary>
    public static readonly TimeSpan DrainBound = TimeSpan.FromSeconds(5);

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bound.CancelAfter(DrainBound);
        try
        {
            await DispatchDueAsync(bound.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or StorageException)
        {
            logger.LogInformation("Stopping with messages still queued ({Reason}); they go at the next start", e.Message);
        }
    }
}
