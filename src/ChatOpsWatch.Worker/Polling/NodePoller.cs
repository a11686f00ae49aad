using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Domain.Engine.Live;
using ChatOpsWatch.Domain.Incidents;
using ChatOpsWatch.Domain.Network;
using ChatOpsWatch.Domain.Ports;
using ChatOpsWatch.Domain.Probing;
using ChatOpsWatch.Domain.Samples;
using ChatOpsWatch.Domain.Text;
using ChatOpsWatch.Domain.Vps;
using ChatOpsWatch.Infrastructure.Delivery;
using ChatOpsWatch.Infrastructure.Ssh;
using ChatOpsWatch.Worker.Configuration;
using ChatOpsWatch.Worker.Correlation;
using Microsoft.Extensions.Logging;

namespace ChatOpsWatch.Worker.Polling;

/// <summary>
/// One poll of one node: probe → parse → sample → judge → commit (sample, alert states and the
/// messages they cause, in one transaction) → wake the outbox. Reachability, host key and probe
/// health are judged by <see cref="NodeMonitor"/>; metric rules by the node's <see cref="LiveEngine"/>.
/// </summary>
public sealed class NodePoller(
    NodeRegistry registry,
    PollSettings settings,
    IMonitorStore store,
    IOutboxSignal outbox,
    MonitorSideChecks sideChecks,
    TimeProvider time,
    ILogger<NodePoller> log,
    TextCatalog texts,
    ReachabilityRelay? reachability = null,
    ProbeNoiseNotices? noiseNotices = null,
    PollPriming? priming = null)
{

    /// <summary>Null when the node is no longer registered (removed while its job fired).</summary>
    public async Task<PollReport?> PollAsync(string node, CancellationToken ct)
    {
        if (!registry.TryGet(node, out var runtime))
        {
            return null;
        }

        var primed = priming is not null && runtime.Previous is null ? await PrimeAsync(runtime, priming.Gap, ct) : null;

        // Side by side: the monitor's own checks are bounded by the probe deadline, and Task.Run keeps
        // SSH.NET's partly blocking ExecuteAsync from delaying their start (or they its).
        var side = Task.Run(() => SideChecksAsync(runtime.Config, ct), ct);
        var probe = primed is not null ? Task.FromResult(primed) : Task.Run(() => runtime.Runner.RunAsync(ct), ct);
        await Task.WhenAll(side, probe);
        var run = await probe;
        await ResumeTrafficAsync(runtime, ct);
        await ReportNoiseAsync(node, run, ct);
        // Whole milliseconds, as stored: an acknowledgement names its episode by FiringSince read back from the
        // database, and the engine compares it with the time it holds in memory.
        var now = DateTimeOffset.FromUnixTimeMilliseconds(time.GetUtcNow().ToUnixTimeMilliseconds());
        var outcome = Interpret(runtime, run, now) switch
        {
            PollOutcome.Succeeded ok => new PollOutcome.Succeeded(MonitorSideMerge.Merge(WithHeartbeats(ok.Sample, runtime), await side, runtime)),
            var other => Discard(node, other, await side),
        };
        runtime.States ??= new Dictionary<string, AlertState>(await store.LoadAlertStatesAsync(node, ct));
        var monitor = settings.MonitorFor(runtime.Config.Info);
        runtime.Engine ??= await WarmUpAsync(node, monitor, settings.Engine, runtime.States.Values, now, ct);
        runtime.Engine.Options = settings.Engine;

        var policy = await settings.PolicyAsync(now, ct);
        var health = NodeMonitor.Decide(runtime.Config.Info, runtime.States, outcome, monitor, texts);
        if (reachability is not null)
        {
            // Reachability news is the correlator's to tell (held, grouped into an outage, or muted by isolation).
            health = ReachabilityRelay.Withhold(health);
        }

        var metrics = runtime.Engine.Evaluate(runtime.Config.Info, outcome, monitor, runtime.States, policy);
        var decision = new PollDecision(
            health.Sample,
            [.. health.Transitions, .. metrics.Projections],
            [.. HealthMuting.Filter(runtime.Config.Info, health.Messages, policy, now), .. metrics.Messages],
            metrics.ToPersist)
        {
            ToldElsewhere = health.ToldElsewhere,
        };
        await store.CommitPollAsync(node, decision, now, ct);
        runtime.Engine.Apply(metrics.Changed);
        runtime.Findings = [.. runtime.Engine.Findings().Select(f => new InfoFinding(node, f.Series, f.Rule, f.Since, f.Reason))];
        foreach (var state in decision.ChangedStates)
        {
            runtime.States[AlertKey.Of(state)] = state;
        }

        if (decision.Messages.Count > 0)
        {
            outbox.Notify();
        }

        if (reachability is not null)
        {
            await reachability.RelayAsync(runtime.Config, runtime.States, outcome, ct);
        }

        return new PollReport(runtime.Config.Info, outcome, decision);
    }

    /// <summary>
    /// Rebuilds the learned sources (baselines, forecasts, streaks) by replaying the node's samples of the last
    /// <see cref="WarmUpSpan"/>, streamed one row at a time, then resumes the persisted rule lifecycles
    /// (and, once after the upgrade to schema v3, the threshold alerts the streak evaluator left firing).
    /// </summary>
    private async Task<LiveEngine> WarmUpAsync(string node, MonitorSettings settings, EngineOptions options, IEnumerable<AlertState> legacy, DateTimeOffset now, CancellationToken ct)
    {
        var engine = new LiveEngine { Texts = texts, Options = options };
        var started = time.GetTimestamp();
        var replayed = await store.ReplaySamplesAsync(node, now - WarmUpSpan, s => engine.Learn(s, settings), ct);
        engine.Restore(await store.LoadEngineStatesAsync(node, ct), settings);
        engine.Adopt(legacy, settings);
        log.LogInformation("Node {Node}: alert engine warmed up on {Samples} stored samples ({Series} rule series) in {Ms:0} ms",
            node, replayed, engine.Series, time.GetElapsedTime(started).TotalMilliseconds);
        return engine;
    }

    /// <summary>Long enough for the hour-of-day baselines (3 days minimum) to be trusted again after a restart.</summary>
    public static TimeSpan WarmUpSpan { get; } = TimeSpan.FromDays(7);

    /// <summary>A bug in a monitor-side check must never cost the node's own sample.</summary>
    /// <summary>
    /// The first poll of a node has no earlier /proc/stat to take CPU and rates from, so its sample (and the first
    /// /status) would show "cpu ?" for a whole interval. Probe once, keep the snapshot, wait <paramref name="gap"/>, and
    /// let the poll go on. A probe that fails is the poll's result as it is (null: primed), so a node that is down at
    /// start is not tried twice.
    /// </summary>
    private async Task<ProbeRun?> PrimeAsync(NodeRuntime runtime, TimeSpan gap, CancellationToken ct)
    {
        var run = await Task.Run(() => runtime.Runner.RunAsync(ct), ct);
        if (run is not ProbeRun.Output output || ProbeParser.Parse(output.Stdout, Infrastructure.Probe.ProbeNonce.For(runtime.Config.Name)).Snapshot is not { } snapshot)
        {
            return run;
        }

        runtime.Previous = snapshot;
        await Task.Delay(gap, time, ct);
        return null;
    }

    private async Task<MonitorSideResult> SideChecksAsync(NodeConfig node, CancellationToken ct)
    {
        try
        {
            return await sideChecks.RunAsync(node, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            log.LogError(ex, "Node {Node}: monitor-side checks failed; the sample is stored without them", node.Name);
            return MonitorSideResult.Empty;
        }
    }

    /// <summary>
    /// After a monitor restart the billing cycle's running total continues from the last stored
    /// sample instead of starting again from 0. Only nodes with a quota pay for the lookup, once.
    /// </summary>
    private async Task ResumeTrafficAsync(NodeRuntime runtime, CancellationToken ct)
    {
        var plan = (runtime.Config.Checks ?? NodeChecks.Default).Plan;
        if (runtime.TrafficResumed || plan.TrafficQuotaGb is null)
        {
            return;
        }

        var latest = (await store.FleetAsync(ct)).FirstOrDefault(n => n.Node.Name == runtime.Config.Name)?.Latest;
        runtime.Traffic ??= latest is null ? null : TrafficAccount.Resume(latest, plan.BillingDay);
        runtime.TrafficResumed = true;
    }

    /// <summary>The session's heartbeat round trips since the last poll, as the node's SSH latency and loss.</summary>
    private static Sample WithHeartbeats(Sample sample, NodeRuntime runtime)
    {
        if (runtime.Runner is not SshNodeSession session || session.TakeRoundTrips() is not { Count: > 0 } beats)
        {
            return sample;
        }

        var values = new Dictionary<string, double>(sample.Values, StringComparer.Ordinal);
        foreach (var (k, v) in NetworkMetrics.Ssh(BurstStats.Of(beats)))
        {
            values[k] = v;
        }

        return sample with { Values = values };
    }

    /// <summary>
    /// Only a successful poll carries a sample, so the monitor-side values of a failed one are not
    /// stored; they are logged, since they often explain the failure (100 % loss, DNS changed).
    /// </summary>
    private PollOutcome Discard(string node, PollOutcome outcome, MonitorSideResult side)
    {
        if (side.Values.Count > 0)
        {
            log.LogInformation("Node {Node}: poll not successful; monitor-side values not stored: {Values}", node,
                string.Join(", ", side.Values.Where(v => v.Key.StartsWith("net.loss_pct", StringComparison.Ordinal) || v.Key.StartsWith("http.up", StringComparison.Ordinal) || v.Key.StartsWith("node.", StringComparison.Ordinal))
                    .Select(v => $"{v.Key}={v.Value:0.##}")));
        }

        return outcome;
    }

    // issue 12: text before the framed probe output (a banner) is read past and noticed once per node.
    private async Task ReportNoiseAsync(string node, ProbeRun run, CancellationToken ct)
    {
        if (noiseNotices is not null && run is ProbeRun.Output output && !output.Stdout.StartsWith("cowprobe ", StringComparison.Ordinal) && ProbeParser.Parse(output.Stdout, Infrastructure.Probe.ProbeNonce.For(node)).Noise is { } noise)
        {
            await noiseNotices.ReportAsync(node, noise, ct);
        }
    }

    private PollOutcome Interpret(NodeRuntime runtime, ProbeRun run, DateTimeOffset now)
    {
        var node = runtime.Config.Name;
        switch (run)
        {
            case ProbeRun.Output output:
                var parsed = ProbeParser.Parse(output.Stdout, Infrastructure.Probe.ProbeNonce.For(node));
                if (!parsed.IsSuccess)
                {
                    log.LogWarning("Node {Node}: probe output unreadable: {Error}", node, parsed.Error);
                    return new PollOutcome.Garbled(now, parsed.Problem);
                }

                var snapshot = parsed.Snapshot;

                var sample = SampleCalculator.Compute(node, runtime.Previous, snapshot, now, clockReference: output.ClockReference(now));
                runtime.Previous = snapshot;
                log.LogDebug("Node {Node}: polled in {Elapsed} ms, {Count} values", node, output.Elapsed.TotalMilliseconds, sample.Values.Count);
                return new PollOutcome.Succeeded(sample);
            case ProbeRun.HostKeyRejected rejected:
                return new PollOutcome.HostKeyRejected(now, rejected.Presented, rejected.Pinned);
            case ProbeRun.CryptoRefused refused:
                return new PollOutcome.CryptoRefused(now, refused.Refusal);
            case ProbeRun.Failure failure:
                log.LogWarning("Node {Node}: poll failed{Confirmed}: {Error}", node, failure.Confirmed ? " (loss confirmed)" : string.Empty, failure.Error);
                return new PollOutcome.Failed(now, failure.Error, failure.Confirmed);
            default:
                throw new InvalidOperationException($"unknown probe result {run.GetType().Name}");
        }
    }
}
