using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Domain.Nodes;

namespace ChatOpsWatch.Worker.Polling;

/// <summary>What one committed poll was, for the monitor's own metrics (issue 13).</summary>
public sealed record PollReport(NodeInfo Node, PollOutcome Outcome, PollDecision Decision)
{
    /// <summary>The outcome's class as a metric label: succeeded, failed, garbled, host_key_rejected, crypto_refused.</summary>
    public string OutcomeClass => Outcome switch
    {
        PollOutcome.Succeeded => "succeeded",
        PollOutcome.Failed => "failed",
        PollOutcome.Garbled => "garbled",
        PollOutcome.HostKeyRejected => "host_key_rejected",
        PollOutcome.CryptoRefused => "crypto_refused",
        _ => "other",
    };
}
