namespace ChatOpsWatch.Domain.Alerts;

/// <summary>The result of one step: the next state and whether (and why) to tell someone.</summary>
public sealed record AlertTransition(AlertState Previous, AlertState Next, NotifyReason Reason)
{
    public bool Notifies => Reason != NotifyReason.None;
}
