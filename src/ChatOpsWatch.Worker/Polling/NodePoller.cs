using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Domain.Ports;
using ChatOpsWatch.Domain.Probing;
using ChatOpsWatch.Infrastructure.Delivery;
using ChatOpsWatch.Worker.Configuration;
using Microsoft.Extensions.Logging;

namespace ChatOpsWatch.Worker.Polling;

/// <summary>
/// One poll of one node: probe → parse → sample → judge → commit (sample, alert states and the
/// messages they cause, in one transaction) → wake the outbox.
/// </summary>
public sealed class NodePoller(
    NodeRegistry registry,
    ConfigHolder config,
    IMonitorStore store,
    IOutboxSignal outbox,
    TimeProvider time,
    ILogger<NodePoller> log)
{
    public async Task PollAsync(string node, CancellationToken ct)
    {
        if (!registry.TryGet(node, out var runtime))
        {
            return;
        }

        var run = await runtime.Runner.RunAsync(ct);
        var now = time.GetUtcNow();
        var outcome = Interpret(runtime, run, now);
        runtime.States ??= new Dictionary<string, AlertState>(await store.LoadAlertStatesAsync(node, ct));

        var decision = NodeMonitor.Decide(runtime.Config.Info, runtime.States, outcome, config.Current.Monitor);
        await store.CommitPollAsync(node, decision, now, ct);
        foreach (var state in decision.ChangedStates)
        {
            runtime.States[AlertKey.Of(state)] = state;
        }

        if (decision.Messages.Count > 0)
        {
            outbox.Notify();
        }
    }

    private PollOutcome Interpret(NodeRuntime runtime, ProbeRun run, DateTimeOffset now)
    {
        var node = runtime.Config.Name;
        switch (run)
        {
            case ProbeRun.Output output:
                var parsed = ProbeParser.Parse(output.Stdout);
                if (parsed.Snapshot is not { } snapshot)
                {
                    log.LogWarning("Node {Node}: probe output unreadable: {Error}", node, parsed.Error);
                    return new PollOutcome.Garbled(now, parsed.Error ?? "unreadable output");
                }

                var sample = SampleCalculator.Compute(node, runtime.Previous, snapshot, now);
                runtime.Previous = snapshot;
                log.LogDebug("Node {Node}: polled in {Elapsed} ms, {Count} values", node, output.Elapsed.TotalMilliseconds, sample.Values.Count);
                return new PollOutcome.Succeeded(sample);
            case ProbeRun.HostKeyRejected rejected:
                return new PollOutcome.HostKeyRejected(now, rejected.Presented, rejected.Pinned);
            case ProbeRun.Failure failure:
                log.LogWarning("Node {Node}: poll failed: {Error}", node, failure.Error);
                return new PollOutcome.Failed(now, failure.Error);
            default:
                throw new InvalidOperationException($"unknown probe result {run.GetType().Name}");
        }
    }
}
