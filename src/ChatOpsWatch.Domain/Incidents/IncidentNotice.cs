using ChatOpsWatch.Domain.Alerts;

namespace ChatOpsWatch.Domain.Incidents;

/// <summary>
/// One poll's news about an episode of (node, rule, series), attached to the alert's message. <see cref="Detail"/> is
/// Telegram HTML (escaped): the value against the threshold and the reason. <see cref="Severity"/> is the severity now
/// (for <see cref="IncidentChange.Resolved"/>: the last firing one). <see cref="FiringSince"/> is the engine's episode
/// start, the key acknowledgements use.
/// </summary>
public sealed record IncidentNotice(
    string Node,
    string Tags,
    string RuleId,
    string Series,
    IncidentChange Change,
    Severity Severity,
    DateTimeOffset? FiringSince,
    string Detail,
    bool Security = false);
