namespace ChatOpsWatch.Domain.Vps;

/// <summary>Stable names of the VPS plan indicators (their units and rules: Indicators/IndicatorCatalog). The traffic is counted from SystemMetricNames.NetRxBytesPerSecond and NetTxBytesPerSecond.</summary>
public static class TrafficMetrics
{
    /// <summary>Bytes received plus sent in the current billing cycle, as counted by this monitor.</summary>
    public const string CycleUsedBytes = "traffic.cycle_used_bytes";

    /// <summary>CycleUsedBytes as a percent of the node's TrafficQuotaGb (10^9 bytes); only with a quota.</summary>
    public const string QuotaUsedPct = "traffic.quota_used_pct";

    /// <summary>Whole days until the node's ExpiresOn date (UTC); 0 on the day, negative after.</summary>
    public const string ExpiryDays = "node.expiry_days";

    /// <summary>1 from ExpiryReminderDays before ExpiresOn onwards, else 0: a rule with Warning 0.5 reminds.</summary>
    public const string ExpiryReminder = "node.expiry_reminder";
}
