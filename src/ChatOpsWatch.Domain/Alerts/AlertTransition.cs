namespace ChatOpsWatch.Domain.Alerts;

/// <summary>The result of one step: the next state and whether (and why) to tell someone.</summary>
public sealed record AlertTransition(AlertState Previous, AlertState Next, NotifyReason Reason)
{
    public bool Notifies => Reason != NotifyReason.None;

    /// <summary>Why a change of severity is worth a message.</summary>
    public static NotifyReason ReasonFor(Severity from, Severity to) => (from, to) switch
    {
        _ when from == to => NotifyReason.None,
        (Severity.None, _) => NotifyReason.Fired,
        (_, Severity.None) => NotifyReason.Resolved,
        _ when to > from => NotifyReason.Escalated,
        _ => NotifyReason.DeEscalated,
    };
}
