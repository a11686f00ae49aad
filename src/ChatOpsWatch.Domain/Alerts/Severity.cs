namespace ChatOpsWatch.Domain.Alerts;

/// <summary>Ordered: a larger value is worse.</summary>
public enum Severity
{
    None = 0,
    Warning = 1,
    Critical = 2,
}
