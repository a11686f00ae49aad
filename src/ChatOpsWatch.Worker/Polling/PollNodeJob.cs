using ChatOpsWatch.Worker.SelfWatch;
using Microsoft.Extensions.Logging;
using Quartz;

namespace ChatOpsWatch.Worker.Polling;

/// <summary>
/// One Quartz job per node (JobKey = node name), so one node is never polled twice at once. Every fire and finished
/// poll is reported to the <see cref="SchedulerPulse"/> (health, "monitoring stalled") and to the metrics.
/// </summary>
[DisallowConcurrentExecution]
public sealed class PollNodeJob(NodePoller poller, SchedulerPulse pulse, TimeProvider time, ILogger<PollNodeJob> log) : IJob
{
    public const string NodeKey = "node";
    public const string Group = "nodes";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var node = context.MergedJobDataMap.GetString(NodeKey) ?? context.JobDetail.Key.Name;
        pulse.Fired();
        if (pulse.Paused)
        {
            return;
        }

        var started = time.GetTimestamp();
        var lateness = context.ScheduledFireTimeUtc is { } scheduled ? context.FireTimeUtc - scheduled : TimeSpan.Zero;
        try
        {
            var report = await poller.PollAsync(node, cancellationToken);
            pulse.Completed();
            PollTelemetry.Record(report, time.GetElapsedTime(started), lateness);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down.
        }
        catch (Exception ex)
        {
            // A storage failure must not kill the schedule; it is logged with its cause and the next poll tries again.
            pulse.Completed();
            PollTelemetry.Failed();
            log.LogError(ex, "Node {Node}: poll could not be recorded", node);
        }
    }
}
