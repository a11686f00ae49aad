using ChatOpsWatch.Domain.Engine.Policy;

namespace ChatOpsWatch.Domain.Engine.Live;

/// <summary>
/// What the live engine persists per (node, series, rule): the whole <see cref="RuleState"/> and the
/// <see cref="NotifyLedger"/>, so a restart resumes the lifecycle exactly (a firing alert is not announced
/// again, and its resolution still goes out). Learned source state (baselines, forecasts, streaks) is not
/// persisted: it is rebuilt at start by replaying stored samples.
/// </summary>
public sealed record EngineAlert(
    string Node,
    string Series,
    string RuleId,
    RuleState State,
    NotifyLedger Ledger,
    double? LastValue,
    DateTimeOffset UpdatedAt)
{
    public static string KeyOf(string series, string ruleId) => ruleId + "|" + series;

    public string Key => KeyOf(Series, RuleId);
}
