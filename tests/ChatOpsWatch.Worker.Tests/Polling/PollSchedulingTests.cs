using ChatOpsWatch.Worker.Polling;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace ChatOpsWatch.Worker.Tests.Polling;

/// <summary>
/// Issue 10: how the poll jobs are scheduled at fleet scale. The real Quartz scheduler, configured as the Worker
/// configures it, runs jobs that wait like polls of hung nodes.
/// </summary>
public sealed class PollSchedulingTests
{
    [Fact]
    public async Task PollQuartz_ManyPollsWaiting_NoneHoldsBackTheOthers()
    {
        // The old bound was 8 per core (16 on this machine): 16 hung polls took every slot and the rest of the fleet waited.
        const int nodes = 64;
        var services = new ServiceCollection().AddLogging();
        services.AddSingleton<InFlight>();
        services.AddPollQuartz(TimeProvider.System);
        await using var provider = services.BuildServiceProvider();
        var scheduler = await provider.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var inFlight = provider.GetRequiredService<InFlight>();
        for (var i = 0; i < nodes; i++)
        {
            var job = JobBuilder.Create<HungPollJob>().WithIdentity($"n{i}", PollNodeJob.Group).Build();
            await scheduler.ScheduleJob(job, TriggerBuilder.Create().WithIdentity($"n{i}", PollNodeJob.Group).StartNow().Build());
        }

        await scheduler.Start();
        try
        {
            var all = await inFlight.Reached(nodes).WaitAsync(TimeSpan.FromSeconds(20));
            Assert.Equal(nodes, all);
        }
        finally
        {
            inFlight.Release();
            await scheduler.Shutdown(waitForJobsToComplete: true);
        }
    }

    [Theory]
    [InlineData(30, 0.99, 29.7)]    // the default interval: spread over all of it (it was cut at 10 s)
    [InlineData(5, 0.5, 2.5)]
    [InlineData(3600, 0.99, 59.4)]  // a long interval: still polled within a minute of the start
    [InlineData(30, 0, 0)]
    public void FirstPollDelay_Fraction_WithinTheIntervalAtMostAMinute(int intervalSeconds, double fraction, double expectedSeconds)
    {
        var delay = NodeScheduler.FirstPollDelay(TimeSpan.FromSeconds(intervalSeconds), fraction);

        Assert.Equal(expectedSeconds, delay.TotalSeconds, 3);
    }

    private sealed class InFlight
    {
        private readonly TaskCompletionSource release = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly Lock gate = new();
        private readonly List<(int Count, TaskCompletionSource<int> Done)> waiters = [];
        private int count;

        public Task Released => release.Task;

        public void Entered()
        {
            lock (gate)
            {
                count++;
                foreach (var w in waiters.Where(w => count >= w.Count))
                {
                    w.Done.TrySetResult(count);
                }
            }
        }

        public Task<int> Reached(int wanted)
        {
            lock (gate)
            {
                var done = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
                if (count >= wanted)
                {
                    done.SetResult(count);
                }

                waiters.Add((wanted, done));
                return done.Task;
            }
        }

        public void Release() => release.TrySetResult();
    }

    private sealed class HungPollJob(InFlight inFlight) : IJob
    {
        public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
        {
            inFlight.Entered();
            await inFlight.Released.WaitAsync(cancellationToken);
        }
    }
}
