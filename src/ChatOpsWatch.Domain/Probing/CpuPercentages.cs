using ChatOpsWatch.Domain.Samples;

namespace ChatOpsWatch.Domain.Probing;

/// <summary>CPU percentages from two readings of /proc/stat's cpu line taken on the same boot.</summary>
internal static class CpuPercentages
{
    /// <summary>
    /// Adds the CPU metrics, or nothing when either reading is missing, any counter went backwards
    /// (a reboot the caller missed, or a kernel quirk), or no tick passed. user includes nice;
    /// system includes irq and softirq; busy is everything but idle, so the parts add up to 100.
    /// </summary>
    public static void Add(Dictionary<string, double> values, CpuTimes? before, CpuTimes? after)
    {
        if (before is null || after is null)
        {
            return;
        }

        // Each difference of two non-negative counters fits a long; their sum may not (a node may print 2^63-1), so sum as doubles.
        double[] d =
        [
            after.User - before.User, after.Nice - before.Nice, after.System - before.System, after.Idle - before.Idle,
            after.Iowait - before.Iowait, after.Irq - before.Irq, after.Softirq - before.Softirq, after.Steal - before.Steal,
        ];
        if (d.Any(x => x < 0))
        {
            return;
        }

        double total = d.Sum();
        if (total <= 0)
        {
            return;
        }

        values[MetricNames.CpuUserPct] = 100 * (d[0] + d[1]) / total;
        values[MetricNames.CpuSystemPct] = 100 * (d[2] + d[5] + d[6]) / total;
        values[MetricNames.CpuIdlePct] = 100 * d[3] / total;
        values[MetricNames.CpuIowaitPct] = 100 * d[4] / total;
        values[MetricNames.CpuStealPct] = 100 * d[7] / total;
        values[MetricNames.CpuBusyPct] = 100 * (total - d[3]) / total;
    }
}
