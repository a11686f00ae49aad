using ChatOpsWatch.Domain.Probing;
using ChatOpsWatch.Domain.Samples;

namespace ChatOpsWatch.Domain.Vps;

/// <summary>
/// The running traffic total of one node in its current billing cycle, advanced once per successful
/// sample. It integrates the node-side rates (bytes/s since the previous successful probe) over the
/// time since the previous sample, so a counter reset on reboot cannot count twice: the node-side
/// rate for that interval is absent or negative and is skipped (that interval's bytes are lost,
/// at most one poll's worth). Interfaces named lo are ignored.
/// </summary>
public sealed record TrafficAccount(DateTimeOffset CycleStart, double UsedBytes, DateTimeOffset LastAt)
{
    /// <summary>Takes up the count from the last stored sample (after a monitor restart); null when it holds none.</summary>
    public static TrafficAccount? Resume(Sample last, int billingDay) =>
        last.Get(TrafficMetrics.CycleUsedBytes) is { } used ? new TrafficAccount(BillingCycle.StartOf(last.At, billingDay), used, last.At) : null;

    /// <summary>The account after one more sample taken at <paramref name="now"/>.</summary>
    public static TrafficAccount Step(TrafficAccount? previous, IReadOnlyDictionary<string, double> values, DateTimeOffset now, int billingDay)
    {
        var cycle = BillingCycle.StartOf(now, billingDay);
        if (previous is null)
        {
            return new TrafficAccount(cycle, 0, now);
        }

        if (now <= previous.LastAt)
        {
            return previous;
        }

        var seconds = (now - previous.LastAt).TotalSeconds;
        var bytes = RateOf(values) * seconds;
        if (cycle > previous.CycleStart)
        {
            // The interval straddles the cycle start: only the part after it belongs to the new cycle.
            var after = (now - (cycle > previous.LastAt ? cycle : previous.LastAt)).TotalSeconds;
            return new TrafficAccount(cycle, bytes * after / seconds, now);
        }

        return previous with { UsedBytes = previous.UsedBytes + bytes, LastAt = now };
    }

    /// <summary>The values to add to the sample; the quota percent only when a quota is set.</summary>
    public IEnumerable<KeyValuePair<string, double>> Metrics(double? quotaGb)
    {
        yield return new(TrafficMetrics.CycleUsedBytes, Math.Round(UsedBytes));
        if (quotaGb is > 0 and { } gb)
        {
            yield return new(TrafficMetrics.QuotaUsedPct, 100.0 * UsedBytes / (gb * 1e9));
        }
    }

    private static double RateOf(IReadOnlyDictionary<string, double> values)
    {
        var total = 0.0;
        foreach (var (key, value) in values)
        {
            var name = MetricKey.NameOf(key);
            if ((name == SystemMetricNames.NetRxBytesPerSecond || name == SystemMetricNames.NetTxBytesPerSecond)
                && MetricKey.Label(key, "iface") != "lo" && double.IsFinite(value) && value > 0)
            {
                total += value;
            }
        }

        return total;
    }
}
