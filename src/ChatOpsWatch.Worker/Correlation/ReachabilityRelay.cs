using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Domain.Ports;
using ChatOpsWatch.Worker.Configuration;
using Microsoft.Extensions.Logging;

namespace ChatOpsWatch.Worker.Correlation;

/// <summary>
/// The poll's side of correlation. <see cref="Withhold"/> takes the per-node "unreachable"/"reachable again" messages out
/// of a node's health decision (its state is still committed as before); <see cref="RelayAsync"/> then hands the committed
/// reachability to the hub, which alone decides what is said: held, grouped, isolated, or sent as it was.
/// </summary>
public sealed class ReachabilityRelay(CorrelationHub hub, VantageCheck vantage, ILogger<ReachabilityRelay> log)
{
    /// <summary>
    /// The decision without its reachability messages, which the hub tells instead. The messages kept are the ones the
    /// Domain rendered for the decision: nothing is rendered a second time.
    /// </summary>
    public static PollDecision Withhold(PollDecision health)
    {
        ArgumentNullException.ThrowIfNull(health);
        var messages = health.Messages.Where(m => m.Incident?.RuleId != ReachabilityEvaluator.RuleId).ToList();
        return health with { Messages = messages, ToldElsewhere = new HashSet<string>([AlertKey.Of(ReachabilityEvaluator.RuleId, ReachabilityEvaluator.Series)], StringComparer.Ordinal) };
    }

    public async Task RelayAsync(NodeConfig node, IReadOnlyDictionary<string, AlertState> states, PollOutcome outcome, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(states);
        var reach = states.TryGetValue(AlertKey.Of(ReachabilityEvaluator.RuleId, ReachabilityEvaluator.Series), out var r) ? r : null;
        var verdict = await vantage.VerdictAsync(node, reach?.Severity == Severity.Critical, ct);
        try
        {
            await hub.ObserveAsync(hub.Report(node, reach, outcome, verdict), ct);
        }
        catch (StorageException e)
        {
            // The poll itself is committed; the news is level-driven, so the next report or canary round tells it.
            log.LogError("Node {Node}: reachability news could not be stored, retried on the next round: {Error}", node.Name, e.Message);
        }
    }
}
