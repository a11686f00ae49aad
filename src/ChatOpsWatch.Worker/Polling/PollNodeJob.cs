using Microsoft.Extensions.Logging;
using Quartz;

namespace ChatOpsWatch.Worker.Polling;

/// <summary>One Quartz job per node (JobKey = node name), so one node is never polled twice at once.</summary>
[DisallowConcurrentExecution]
public sealed class PollNodeJob(NodePoller poller, ILogger<PollNodeJob> log) : IJob
{
    public const string NodeKey = "node";
    public const string Group = "nodes";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var node = context.MergedJobDataMap.GetString(NodeKey) ?? context.JobDetail.Key.Name;
        try
        {
            await poller.PollAsync(node, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down.
        }
        catch (Exception ex)
        {
            // A storage failure must not kill the schedule; it is logged with its cause and the next poll tries again.
            log.LogError(ex, "Node {Node}: poll could not be recorded", node);
        }
    }
}
