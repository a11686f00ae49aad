using ChatOpsWatch.Domain.Notifications;
using ChatOpsWatch.Domain.Samples;

namespace ChatOpsWatch.Domain.Alerts;

/// <summary>
/// Everything one poll changes, to be committed in one transaction: the sample (if any), the alert
/// states that moved, and the messages those moves cause.
/// </summary>
public sealed record PollDecision(
    Sample? Sample,
    IReadOnlyList<AlertTransition> Transitions,
    IReadOnlyList<OutboxMessage> Messages)
{
    public IEnumerable<AlertState> ChangedStates => Transitions.Select(t => t.Next);
}
