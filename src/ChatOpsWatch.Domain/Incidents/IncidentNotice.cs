using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Domain.Text;

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
    bool Security = false)
{
    /// <summary><see cref="Detail"/> in every language, so that the incident reads right after a language switch.</summary>
    public TextEntry? Details { get; init; }
}
