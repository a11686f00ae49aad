using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace ChatOpsWatch.Worker.Polling;

/// <summary>The Quartz scheduler that runs the poll jobs (<see cref="PollNodeJob"/>, one per node).</summary>
public static class PollQuartz
{
    /// <summary>
    /// How many polls may be in flight at once. A poll is I/O-bound and async (the SSH session moves SSH.NET's blocking
    /// parts off the caller), and one node never has two in flight, so this bounds nothing a node needs; it is only a
    /// guard. Issue 10: the old bound of 8 per core (16 here) let 16 hung polls, each waiting out its deadline of up to
    /// 17 s, hold every slot, so a regional outage of 16 nodes, or 1,000 nodes at 30 s, made every other node's polls late.
    /// </summary>
    public const int MaxPollsInFlight = 4096;

    public static IServiceCollection AddPollQuartz(this IServiceCollection services, TimeProvider time)
    {
        services.AddQuartz(q =>
        {
            q.UseTimeProvider(time);
            q.UseDefaultThreadPool(tp => tp.MaxConcurrency = MaxPollsInFlight);
        });
        // SIGTERM (podman stop, systemctl stop): the polls in flight end and commit, bounded by their probe deadline
        // and the host's shutdown timeout, so a restart on the same volume loses no sample (issue 13).
        return services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
    }
}
