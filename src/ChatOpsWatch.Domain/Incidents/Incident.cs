using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Domain.Text;

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

    /// <summary><see cref="Detail"/> in every language; null for incidents stored before schema v12.</summary>
    public TextEntry? Details { get; init; }

    /// <summary><see cref="ResolvedDetail"/> in every language; null for incidents stored before schema v12.</summary>
    public TextEntry? ResolvedDetails { get; init; }

    /// <summary>The detail in <paramref name="texts"/>' language when it was kept in every language, else as stored.</summary>
    public string DetailIn(TextCatalog texts) => Details?.In(texts.Language) ?? Detail;

    /// <summary>As <see cref="DetailIn"/>, for <see cref="ResolvedDetail"/>.</summary>
    public string? ResolvedDetailIn(TextCatalog texts) => ResolvedDetail is null ? null : ResolvedDetails?.In(texts.Language) ?? ResolvedDetail;
}
