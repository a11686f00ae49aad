using ChatOpsWatch.Domain.Engine.Live;
using ChatOpsWatch.Domain.Notifications;
using ChatOpsWatch.Domain.Samples;

namespace ChatOpsWatch.Domain.Alerts;

/// <summary>
/// Everything one poll changes, to be committed in one transaction: the sample (if any), the alert
/// states that moved, the live engine's rule states, and the messages those moves cause.
/// </summary>
public sealed record PollDecision(
    Sample? Sample,
    IReadOnlyList<AlertTransition> Transitions,
    IReadOnlyList<OutboxMessage> Messages,
    IReadOnlyList<EngineAlert>? EngineAlerts = null)
{
    public IReadOnlyList<EngineAlert> EngineStates => EngineAlerts ?? [];

    /// <summary>
    /// Alert keys whose news another component tells (the correlator tells reachability): the store must not close or
    /// move their incidents on its own when their state changes without a message here.
    /// </summary>
    public IReadOnlySet<string> ToldElsewhere { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    public IEnumerable<AlertState> ChangedStates => Transitions.Select(t => t.Next);
}
