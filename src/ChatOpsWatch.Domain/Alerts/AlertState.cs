namespace ChatOpsWatch.Domain.Alerts;

/// <summary>
/// The persisted state of one alert series: one rule applied to one metric key of one node
/// (for example rule <c>disk</c> on <c>disk.used_pct{kind=data,mount=/data}</c> of node <c>tokyo-1</c>).
/// Streaks count consecutive observations past each threshold.
/// </summary>
public sealed record AlertState(
    string Node,
    string RuleId,
    string Series,
    Severity Severity,
    int WarningStreak,
    int CriticalStreak,
    DateTimeOffset? FiringSince,
    double? LastValue,
    DateTimeOffset UpdatedAt)
{
    public static AlertState Initial(string node, string ruleId, string series, DateTimeOffset now) =>
        new(node, ruleId, series, Severity.None, 0, 0, null, null, now);

    public bool IsFiring => Severity != Severity.None;
}
