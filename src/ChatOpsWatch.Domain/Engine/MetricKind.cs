namespace ChatOpsWatch.Domain.Engine;

/// <summary>
/// The kind of quantity a metric is, read from its unit suffix (the naming convention of MetricNames and
/// SystemMetricNames: <c>_pct</c>, <c>_per_s</c>, <c>_bytes</c>, <c>_iops</c>, <c>_ms</c>, <c>_celsius</c>), which
/// decides the scale its deviations are judged on and what pages.
/// </summary>
public enum MetricKind
{
    /// <summary>No known unit: judged on its own scale, informs only.</summary>
    Other = 0,
    Percent,
    /// <summary>Counters and rates (bytes/s, requests/s, IOPS): multiplicative, heavy-tailed noise, judged on a log scale.</summary>
    Counter,
    /// <summary>Latencies in ms: heavy-tailed upwards, judged on a log scale.</summary>
    Latency,
    Temperature,
}

public static class MetricKinds
{
    public static MetricKind Of(string metric)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(metric);
        var name = metric.Split('{')[0];
        return name.EndsWith("_pct", StringComparison.Ordinal) ? MetricKind.Percent
            : name.EndsWith("_per_s", StringComparison.Ordinal) || name.EndsWith("_bytes", StringComparison.Ordinal) || name.EndsWith("_iops", StringComparison.Ordinal) ? MetricKind.Counter
            : name.EndsWith("_ms", StringComparison.Ordinal) ? MetricKind.Latency
            : name.EndsWith("_celsius", StringComparison.Ordinal) ? MetricKind.Temperature
            : MetricKind.Other;
    }
}
