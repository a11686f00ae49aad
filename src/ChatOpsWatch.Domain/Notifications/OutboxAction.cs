namespace ChatOpsWatch.Domain.Notifications;

/// <summary>What delivering an outbox row does. Edits and replies point at an incident's message (see Incidents).</summary>
public enum OutboxAction
{
    /// <summary>A new message.</summary>
    Send = 0,

    /// <summary>Brings the incident's message up to date; a fresh message when it is gone or was never sent.</summary>
    Edit = 1,

    /// <summary>A new message that replies to the incident's message (a plain message when there is none).</summary>
    Reply = 2,
}
