using ChatOpsWatch.Domain.Ports;
using ChatOpsWatch.Worker.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;
using Quartz;

namespace ChatOpsWatch.Worker.Polling;

/// <summary>
/// Keeps one Quartz job per configured node and per node added from the chat, and follows configuration edits
/// without a restart: a valid edit (re)schedules what changed; a broken one is reported and the running set stays.
/// </summary>
public sealed class NodeScheduler(
    ISchedulerFactory schedulers,
    NodeRegistry registry,
    ConfigHolder config,
    IConfiguration configuration,
    IMonitorStore store,
    ChatNodeSource chatNodes,
    TimeProvider time,
    ILogger<NodeScheduler> log) : IHostedService, IDisposable
{
    private readonly SemaphoreSlim _applying = new(1, 1);
    private IDisposable? _watch;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // Nodes removed from the configuration while the monitor was stopped leave /status too.
        var configured = (await chatNodes.MergeAsync(config.Current.Nodes, cancellationToken)).Select(n => n.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var gone in (await store.FleetAsync(cancellationToken)).Where(n => !configured.Contains(n.Node.Name)))
        {
            await store.RetireNodeAsync(gone.Node.Name, cancellationToken);
            log.LogInformation("Node {Node} is no longer configured: retired from /status (history kept)", gone.Node.Name);
        }

        await ApplyAsync(config.Current, cancellationToken);
        _watch = ChangeToken.OnChange(configuration.GetReloadToken, () => _ = ReloadAsync());
    }

    /// <summary>Applies the running configuration again, with the chat-added nodes as they are now (after /addnode, /removenode).</summary>
    public Task RefreshAsync(CancellationToken ct) => ApplyAsync(config.Current, ct);

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _watch?.Dispose();
        return Task.CompletedTask;
    }

    private async Task ReloadAsync()
    {
        // A file that fails to parse reloads as empty: checked first, or a typo would unschedule every node.
        var broken = ConfigFiles.CheckAll(configuration);
        var result = broken.Count > 0 ? new ConfigLoader.Result(null, broken) : ConfigLoader.Load(configuration, Environment.GetEnvironmentVariable);
        if (!result.Ok)
        {
            foreach (var problem in result.Problems)
            {
                log.LogError("Configuration edit rejected, keeping the running configuration: {Problem}", problem);
            }

            return;
        }

        try
        {
            config.Current = result.Config!;
            await ApplyAsync(result.Config!, CancellationToken.None);
        }
        catch (Exception ex)
        {
            log.LogError(ex, "Could not apply the configuration edit");
        }
    }

    private async Task ApplyAsync(WatchConfig wanted, CancellationToken ct)
    {
        await _applying.WaitAsync(ct);
        try
        {
            var scheduler = await schedulers.GetScheduler(ct);
            var changes = registry.Apply(await chatNodes.MergeAsync(wanted.Nodes, ct));
            foreach (var name in changes.Removed)
            {
                await scheduler.DeleteJob(new JobKey(name, PollNodeJob.Group), ct);
                await store.RetireNodeAsync(name, ct);
                log.LogInformation("Node {Node} removed: no longer polled", name);
            }

            foreach (var node in changes.Added.Concat(changes.Changed))
            {
                await store.UpsertNodeAsync(node.Info, ct);
                await scheduler.DeleteJob(new JobKey(node.Name, PollNodeJob.Group), ct);
                await scheduler.ScheduleJob(Job(node), Trigger(node), new ScheduleJobOptions(), ct);
                log.LogInformation("Node {Node} ({Target}) polled every {Interval}", node.Name, node.Ssh is null ? "this machine" : $"{node.Ssh.User}@{node.Ssh.Host}:{node.Ssh.Port}", node.Info.Interval);
            }
        }
        finally
        {
            _applying.Release();
        }
    }

    private static IJobDetail Job(NodeConfig node) => JobBuilder.Create<PollNodeJob>()
        .WithIdentity(node.Name, PollNodeJob.Group)
        .UsingJobData(PollNodeJob.NodeKey, node.Name)
        .Build();

    private ITrigger Trigger(NodeConfig node) => TriggerBuilder.Create()
            .WithIdentity(node.Name, PollNodeJob.Group)
            .StartAt(time.GetUtcNow() + FirstPollDelay(node.Info.Interval, Random.Shared.NextDouble()))
            .WithSimpleSchedule(s => s.WithInterval(node.Info.Interval).RepeatForever().WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount))
            .Build();

    /// <summary>
    /// When a node's first poll comes, for <paramref name="fraction"/> drawn uniformly from [0, 1): anywhere within its
    /// interval (at most <see cref="MaxFirstPollSpread"/>), so a fleet neither polls in lockstep nor opens every session at
    /// once. Issue 10: 1,000 nodes spread over 10 s opened 100 SSH sessions a second at start (each handshake costs the
    /// node 11-17 ms of CPU), which a small machine could not serve.
    /// </summary>
    internal static TimeSpan FirstPollDelay(TimeSpan interval, double fraction) =>
        TimeSpan.FromMilliseconds(Math.Min(interval.TotalMilliseconds, MaxFirstPollSpread.TotalMilliseconds) * fraction);

    /// <summary>A node with a long interval is still polled within a minute of the start.</summary>
    internal static TimeSpan MaxFirstPollSpread { get; } = TimeSpan.FromSeconds(60);

    public void Dispose()
    {
        _watch?.Dispose();
        _applying.Dispose();
    }
}
