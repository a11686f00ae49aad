using ChatOpsWatch.Domain.Probing;
using ChatOpsWatch.Domain.Network;
using ChatOpsWatch.Domain.Samples;
using ChatOpsWatch.Domain.Vps;
using ChatOpsWatch.Worker.Configuration;

namespace ChatOpsWatch.Worker.Polling;

/// <summary>
/// Adds the monitor-side values to a successful sample, with the values derived from the node's
/// runtime state: node.ip_changed, the traffic cycle total and the plan's expiry. Runtime state is
/// advanced only here, on samples that get committed, so a failed poll loses no change event.
/// </summary>
public static class MonitorSideMerge
{
    public static Sample Merge(Sample sample, MonitorSideResult side, NodeRuntime runtime)
    {
        var values = new Dictionary<string, double>(sample.Values, StringComparer.Ordinal);
        foreach (var (k, v) in side.Values)
        {
            values.TryAdd(k, v); // the node's own values win; the names do not overlap today
        }

        if (side.Addresses is { } addresses)
        {
            values[NetworkMetrics.IpChanged] = AddressChange.Changed(runtime.Addresses, addresses) ? 1 : 0;
            runtime.Addresses = addresses;
        }

        var plan = (runtime.Config.Checks ?? NodeChecks.Default).Plan;
        if (runtime.Traffic is not null || HasRates(sample.Values))
        {
            // A poll without rates (node-side counters reset, first poll after a restart) adds nothing
            // for its interval rather than guessing, but still rolls the cycle over.
            runtime.Traffic = TrafficAccount.Step(runtime.Traffic, sample.Values, sample.At, plan.BillingDay);
        }

        foreach (var (k, v) in runtime.Traffic?.Metrics(plan.TrafficQuotaGb) ?? [])
        {
            values[k] = v;
        }

        if (plan.ExpiresOn is { } expires)
        {
            foreach (var (k, v) in NodeExpiry.Metrics(expires, plan.ExpiryReminderDays, sample.At))
            {
                values[k] = v;
            }
        }

        return sample with { Values = values };
    }

    private static bool HasRates(IReadOnlyDictionary<string, double> values) =>
        values.Keys.Any(k => MetricKey.NameOf(k) is SystemMetricNames.NetRxBytesPerSecond or SystemMetricNames.NetTxBytesPerSecond);
}
