using ChatOpsWatch.Domain.Nodes;
using ChatOpsWatch.Domain.Text;

namespace ChatOpsWatch.Domain.Alerts;

/// <summary>
/// Judges one poll of one node against its alert states. Pure: the caller loads the states, and
/// commits the decision (sample, states, messages) atomically.
/// </summary>
public static class NodeMonitor
{
    public const string HostKeyRuleId = "hostkey";
    public const string HostKeySeries = "ssh.host_key";
    public const string CryptoRuleId = "sshcrypto";
    public const string CryptoSeries = "ssh.crypto";
    public const string ProbeRuleId = "probe";
    public const string ProbeSeries = "probe.output";

    public static PollDecision Decide(
        NodeInfo node,
        IReadOnlyDictionary<string, AlertState> states,
        PollOutcome outcome,
        MonitorSettings settings,
        TextCatalog texts)
    {
        var transitions = new List<AlertTransition>();
        var now = outcome.At;

        AlertState Current(string ruleId, string series) =>
            states.TryGetValue(AlertKey.Of(ruleId, series), out var s) ? s : AlertState.Initial(node.Name, ruleId, series, now);

        void Record(AlertTransition t)
        {
            // Unchanged series are not rewritten: a quiet fleet costs one sample row per poll.
            if (t.Previous != t.Next)
            {
                transitions.Add(t);
            }
        }

        // A node that presents a refused host key, or offers only refused algorithms, answered: it is never counted as
        // unreachable (one security alert each).
        var reachable = outcome is not PollOutcome.Failed;
        var confirmed = outcome is PollOutcome.Failed { Confirmed: true };
        Record(ReachabilityEvaluator.Step(Current(ReachabilityEvaluator.RuleId, ReachabilityEvaluator.Series), reachable, settings.FailuresBeforeDown, now, confirmed));

        switch (outcome)
        {
            case PollOutcome.Succeeded:
                Record(Flag(Current(HostKeyRuleId, HostKeySeries), Severity.None, now));
                Record(Flag(Current(CryptoRuleId, CryptoSeries), Severity.None, now));
                Record(Flag(Current(ProbeRuleId, ProbeSeries), Severity.None, now));
                break;
            case PollOutcome.Garbled:
                Record(Flag(Current(ProbeRuleId, ProbeSeries), Severity.Warning, now));
                break;
            case PollOutcome.HostKeyRejected:
                Record(Flag(Current(HostKeyRuleId, HostKeySeries), Severity.Critical, now));
                break;
            case PollOutcome.CryptoRefused:
                Record(Flag(Current(CryptoRuleId, CryptoSeries), Severity.Critical, now));
                break;
        }

        var messages = transitions
            .Where(t => t.Notifies)
            .Select(t => AlertText.For(node, t, outcome, texts))
            .ToList();

        return new PollDecision((outcome as PollOutcome.Succeeded)?.Sample, transitions, messages);
    }

    private static AlertTransition Flag(AlertState state, Severity target, DateTimeOffset now)
    {
        if (state.Severity == target)
        {
            return new AlertTransition(state, state, NotifyReason.None);
        }

        var next = state with
        {
            Severity = target,
            UpdatedAt = now,
            FiringSince = target == Severity.None ? null : state.FiringSince ?? now,
        };
        return new AlertTransition(state, next, AlertTransition.ReasonFor(state.Severity, target));
    }
}
