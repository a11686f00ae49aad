namespace ChatOpsWatch.Domain.Alerts;

/// <summary>
/// A two-tier "value above threshold" rule applied to every metric key whose name is <see cref="Metric"/>.
/// <see cref="WarningFor"/> and <see cref="CriticalFor"/> are the consecutive samples needed past each
/// threshold (the seed's "5 consecutive samples above 85 %" is CriticalFor = 5). The alert clears
/// when a sample is at or below <see cref="Warning"/>.
/// </summary>
public sealed record ThresholdRule(
    string Id,
    string Metric,
    string Title,
    double Warning,
    int WarningFor,
    double Critical,
    int CriticalFor)
{
    /// <summary>The seed's defaults.</summary>
    public static IReadOnlyList<ThresholdRule> Defaults { get; } =
    [
        new("cpu", Samples.MetricNames.CpuBusyPct, "CPU", 70, 1, 85, 5),
        new("memory", Samples.MetricNames.MemUsedPct, "Memory", 80, 1, 90, 3),
        new("disk", Samples.MetricNames.DiskUsedPct, "Disk", 85, 1, 95, 1),
    ];

    /// <summary>Every problem with this rule, as (field, message) pairs; empty when valid.</summary>
    public IEnumerable<(string Field, string Message)> Problems()
    {
        if (string.IsNullOrWhiteSpace(Id))
        {
            yield return (nameof(Id), "is required");
        }

        if (string.IsNullOrWhiteSpace(Metric))
        {
            yield return (nameof(Metric), "is required");
        }

        if (Critical < Warning)
        {
            yield return (nameof(Critical), $"must be at least Warning ({Warning}), got {Critical}");
        }

        if (WarningFor < 1)
        {
            yield return (nameof(WarningFor), $"must be 1 or more samples, got {WarningFor}");
        }

        if (CriticalFor < 1)
        {
            yield return (nameof(CriticalFor), $"must be 1 or more samples, got {CriticalFor}");
        }
    }
}
