namespace ChatOpsWatch.Domain.Alerts;

/// <summary>The identity of an alert series within one node.</summary>
public static class AlertKey
{
    public static string Of(string ruleId, string series) => ruleId + "|" + series;

    public static string Of(AlertState state) => Of(state.RuleId, state.Series);
}
