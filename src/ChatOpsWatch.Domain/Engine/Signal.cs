namespace ChatOpsWatch.Domain.Engine;

/// <summary>What a rule's classifier made of one evaluation. Ordered: a larger value is worse (Missing aside).</summary>
public enum Signal
{
    /// <summary>No sample this evaluation: the rule cannot tell, so its alert goes Unknown.</summary>
    Missing = 0,
    Clear = 1,
    Warning = 2,
    Critical = 3,
}

/// <summary>Where a rule's state machine is. "Resolved" is a transition (Firing → Inactive with <see cref="RuleNotice.Resolved"/>).</summary>
public enum RulePhase
{
    Inactive = 0,
    Pending = 1,
    Firing = 2,
    Unknown = 3,
}

/// <summary>Why a step of the machine produces a message, or <see cref="None"/>. At most one per step.</summary>
public enum RuleNotice
{
    None = 0,
    Fired,
    Escalated,
    DeEscalated,
    Resolved,
    NoData,
    Flapping,
    Stable,
}
