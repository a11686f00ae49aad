using Microsoft.Extensions.Logging;
using Quartz;

namespace ChatOpsWatch.Worker.Polling;

/// <summary>
/// Polls a node now, outside its schedule: a session that lost its heartbeat asks for the confirming poll, a down node
/// whose SSH port answers again asks for the recovery poll. Quartz runs it as the node's own job, so it never overlaps
/// the node's scheduled poll ([DisallowConcurrentExecution] per JobKey); a request while one is running waits for it.
/// </summary>
public sealed class PollTrigger(ISchedulerFactory schedulers, ILogger<PollTrigger> log)
{
    /// <summary>Fire and forget; never throws or blocks (it is called from SSH.NET's threads).</summary>
    public void Now(string node) => _ = TriggerAsync(node);

    private async Task TriggerAsync(string node)
    {
        try
        {
            var scheduler = await schedulers.GetScheduler();
            var key = new JobKey(node, PollNodeJob.Group);
            if (await scheduler.GetJobDetail(key) is not null)
            {
                await scheduler.TriggerJob(key);
            }
        }
        catch (Exception e) when (e is SchedulerException or InvalidOperationException or ObjectDisposedException)
        {
            log.LogWarning("Node {Node}: could not poll it now ({Error}); its schedule still runs", node, e.Message);
        }
    }
}
