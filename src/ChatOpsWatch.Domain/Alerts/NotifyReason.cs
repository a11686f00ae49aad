namespace ChatOpsWatch.Domain.Alerts;

/// <summary>Why a step of an alert's state machine does (or does not) produce a message.</summary>
public enum NotifyReason
{
    None,
    Fired,
    Escalated,
    DeEscalated,
    Resolved,
}
