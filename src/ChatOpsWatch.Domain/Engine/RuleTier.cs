namespace ChatOpsWatch.Domain.Engine;

/// <summary>
/// Whether a rule's firing episodes page people (warning or critical, as the rule's signal says) or are quiet
/// findings of the info tier: a node behaving unlike itself below any static level. Info findings are stepped,
/// persisted and shown like alerts, and never sent as a page.
/// </summary>
public enum RuleTier
{
    Page = 0,
    Info = 1,
}
