using System.Collections.Concurrent;
using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Domain.Correlation;
using ChatOpsWatch.Domain.Incidents;
using ChatOpsWatch.Domain.Nodes;
using ChatOpsWatch.Domain.Notifications;
using ChatOpsWatch.Domain.Text;
using ChatOpsWatch.Infrastructure.Delivery;
using ChatOpsWatch.Infrastructure.Ssh;
using ChatOpsWatch.Worker.Configuration;
using ChatOpsWatch.Worker.Polling;
using Microsoft.Extensions.Logging;

namespace ChatOpsWatch.Worker.Correlation;

/// <summary>
/// The one place that speaks about reachability for the whole fleet. Node polls (each on its own Quartz job) report
/// their node's reachability here after committing their poll; the canary loop reports the canaries. Every report steps
/// the pure <see cref="Correlator"/> under one lock and commits its state with its messages in one transaction. The
/// state is loaded from the store on first use, so held downs, open outages and isolation survive a restart. The fleet is
/// every node being polled (<see cref="NodeRegistry"/>): configured and added from the chat alike.
/// </summary>
public sealed class CorrelationHub(ICorrelationStore store, PollSettings settings, NodeRegistry registry, IOutboxSignal outbox, TextCatalog text, TimeProvider time, ILogger<CorrelationHub> log) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ConcurrentDictionary<string, NodeReport> _reports = new(StringComparer.Ordinal);
    private CorrelationState? _state;
    private CanaryStatus _canaries = CanaryStatus.None;
    private TaskCompletionSource _holding = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The state as last committed (null before the first step); for tests and /status.</summary>
    public CorrelationState? State => _state;

    /// <summary>
    /// Completes when a step leaves a down held (then the next signal is armed). The loop that ticks the hub every second
    /// while downs are held waits on it, so a down held while that loop sleeps a canary interval still goes out after its
    /// settle instead of at the next poll or canary round. Take it before looking at <see cref="State"/>.
    /// </summary>
    public Task Holding => Volatile.Read(ref _holding).Task;

    /// <summary>The last report of <paramref name="node"/>, if it was polled since the start.</summary>
    public NodeReport? LastReport(string node) => _reports.TryGetValue(node, out var r) ? r : null;

    /// <summary>A node's reachability, reported after its poll was committed.</summary>
    public Task ObserveAsync(NodeReport report, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(report);
        _reports[report.Node.Name] = report;
        return StepAsync(ct);
    }

    public Task CanariesAsync(CanaryStatus status, CancellationToken ct)
    {
        _canaries = status;
        return StepAsync(ct);
    }

    /// <summary>Lets held downs whose hold ran out go out even while no poll reports.</summary>
    public Task TickAsync(CancellationToken ct) => StepAsync(ct);

    /// <summary>Builds a node's report from its committed reachability state, keeping the last error and vantage verdict while it stays down.</summary>
    public NodeReport Report(NodeConfig node, AlertState? reachability, PollOutcome outcome, (VantageVerdict Verdict, string? Name, string? Target) vantage)
    {
        ArgumentNullException.ThrowIfNull(node);
        var down = reachability?.Severity == Severity.Critical;
        var previous = LastReport(node.Name);
        var error = (outcome as PollOutcome.Failed)?.Error ?? (down ? previous?.Error : null);
        // The count told is the failure streak that made the node down, not the polls made while its news was held.
        var failures = down && previous is { Down: true } ? previous.Failures : reachability?.CriticalStreak ?? 0;
        return new NodeReport(node.Info, down, failures, error, vantage.Verdict, vantage.Name, vantage.Target, DownSince: down ? reachability?.FiringSince : null);
    }

    private async Task StepAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            var state = _state ??= await store.LoadAsync(ct);
            var now = time.GetUtcNow();
            var fleet = registry.Current().Select(n => n.Info).ToList();
            var input = new CorrelationInput(fleet, Reports(), _canaries);
            var step = Correlator.Step(state, input, settings.Correlation.Options, text, now);
            if (!step.Changed(state))
            {
                return;
            }

            var messages = step.Messages.Count == 0 ? step.Messages : await UnmutedAsync(step.Messages, fleet, now, ct);
            await store.CommitAsync(step.Next, messages, now, ct);
            _state = step.Next;
            if (step.Next.Down.Values.Any(d => d.Status == DownStatus.Held))
            {
                Interlocked.Exchange(ref _holding, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
            }

            if (step.Messages.Count > 0)
            {
                log.LogInformation("Reachability news: {Count} message(s); {Down} node(s) down, {Groups} outage(s) open, isolated: {Isolated}",
                    step.Messages.Count, step.Next.Down.Count, step.Next.Groups.Count, step.Next.IsolatedSince is not null);
                outbox.Notify();
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// A node's own down and return are held back by a silence or maintenance window on the node (its state still moves),
    /// as the other node-health alerts are; outage and isolation news is the fleet's and always told.
    /// </summary>
    private async Task<IReadOnlyList<OutboxMessage>> UnmutedAsync(IReadOnlyList<OutboxMessage> messages, List<NodeInfo> fleet, DateTimeOffset now, CancellationToken ct)
    {
        var policy = await settings.PolicyAsync(now, ct);
        return [.. messages.Where(m => m.Incident is not { } n || n.Change == IncidentChange.Closed || fleet.FirstOrDefault(f => f.Name == n.Node) is not { } node
            || HealthMuting.Filter(node, [m], policy, now).Count > 0)];
    }

    /// <summary>The last reports, each marked suspect while its session has an unconfirmed heartbeat loss.</summary>
    private Dictionary<string, NodeReport> Reports()
    {
        var reports = new Dictionary<string, NodeReport>(_reports, StringComparer.Ordinal);
        foreach (var (name, report) in _reports)
        {
            if (!report.Down && registry.TryGet(name, out var runtime) && runtime.Runner is SshNodeSession { Suspect: true })
            {
                reports[name] = report with { Suspect = true };
            }
        }

        return reports;
    }

    public void Dispose() => _gate.Dispose();
}
