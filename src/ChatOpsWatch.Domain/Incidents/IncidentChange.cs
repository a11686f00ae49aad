namespace ChatOpsWatch.Domain.Incidents;

/// <summary>How an alert's episode moved in one poll.</summary>
public enum IncidentChange
{
    /// <summary>It started firing (or was first told after its silence ended).</summary>
    Opened,
    Escalated,
    DeEscalated,

    /// <summary>Still critical and not acknowledged: a loud reminder.</summary>
    Repeat,
    Resolved,

    /// <summary>Its news is told by another message (a group outage took the node in): the incident closes with no reply.</summary>
    Closed,
}
