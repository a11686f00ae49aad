using ChatOpsWatch.Domain.Alerts;

namespace ChatOpsWatch.Domain.Incidents;

/// <summary>
/// One firing episode of (node, rule, series) and its one chat message. Also the alert history: a resolved incident
/// keeps its row. <see cref="Detail"/> and <see cref="ResolvedDetail"/> are Telegram HTML (escaped).
/// <see cref="MessageId"/> is null until the first send was confirmed.
/// </summary>
public sealed record Incident(
    long Id,
    string Node,
    string Tags,
    string RuleId,
    string Series,
    bool Security,
    Severity Severity,
    Severity MaxSeverity,
    DateTimeOffset? FiringSince,
    DateTimeOffset OpenedAt,
    DateTimeOffset? ResolvedAt,
    string Detail,
    string? ResolvedDetail,
    string? AckedBy,
    DateTimeOffset? AckedAt,
    DateTimeOffset? MutedUntil,
    string? MutedBy,
    long? ChatId,
    long? MessageId)
{
    public bool IsOpen => ResolvedAt is null;
}
