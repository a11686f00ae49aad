namespace ChatOpsWatch.Domain.Alerts;

/// <summary>The rules one node is judged by.</summary>
public sealed record MonitorSettings(IReadOnlyList<ThresholdRule> Rules, int FailuresBeforeDown)
{
    public static MonitorSettings Default { get; } = new(ThresholdRule.Defaults, 2);
}
