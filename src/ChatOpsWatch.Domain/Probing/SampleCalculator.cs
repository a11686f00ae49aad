using ChatOpsWatch.Domain.Samples;

namespace ChatOpsWatch.Domain.Probing;

/// <summary>
/// Turns probe snapshots into a <see cref="Sample"/>. Pure. A value that cannot be trusted (CPU on
/// the first poll, after a reboot, or when a counter went backwards) is left out, never guessed.
/// </summary>
public static class SampleCalculator
{
    /// <summary>
    /// One sample at <paramref name="at"/>, when the monitor received the output. The node clock offset is measured against
    /// <paramref name="clockReference"/>, the monitor's time when the node wrote its clock line (the midpoint of the round
    /// trip, NTP-style), or against <paramref name="at"/> when that is not known.
    /// </summary>
    public static Sample Compute(string node, ProbeSnapshot? previous, ProbeSnapshot current, DateTimeOffset at, DiskFilter? filter = null, DateTimeOffset? clockReference = null)
    {
        ArgumentNullException.ThrowIfNull(current);
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        var rebooted = previous is not null && Rebooted(previous, current);
        if (previous is not null && !rebooted)
        {
            CpuPercentages.Add(values, previous.Cpu, current.Cpu);
        }

        SystemIndicators.Add(values, previous, current, rebooted, clockReference ?? at);
        foreach (var indicator in Indicators.IndicatorCatalog.Gauges)
        {
            // A node that did not print the section (a kernel module not loaded) has no value: absent, never zero.
            if (current.System.Gauges.TryGetValue(indicator.Probe!.Section, out var fields))
            {
                AddIfKnown(values, indicator.Name, indicator.Probe.Value(fields));
            }
        }

        AddIfKnown(values, MetricNames.CpuCount, current.CpuCount);
        AddIfKnown(values, MetricNames.Load1, current.Load?.One);
        AddIfKnown(values, MetricNames.Load5, current.Load?.Five);
        AddIfKnown(values, MetricNames.Load15, current.Load?.Fifteen);
        AddIfKnown(values, MetricNames.UptimeSeconds, current.UptimeSeconds);
        if (current.Memory is { } mem)
        {
            AddIfKnown(values, MetricNames.MemUsedPct, UsedPct(mem.TotalKiB, mem.AvailableKiB));
            AddIfKnown(values, MetricNames.SwapUsedPct, UsedPct(mem.SwapTotalKiB, mem.SwapFreeKiB));
        }

        foreach (var (mount, kind) in WatchedDisks(current.Mounts, filter))
        {
            AddIfKnown(values, MetricNames.DiskUsed(kind, mount.Mount), DfPercent(mount.UsedKiB, mount.AvailKiB));
            if (mount.Inodes is { } inodes)
            {
                AddIfKnown(values, ProbeMetricNames.DiskInodesUsed(kind, mount.Mount), DfPercent(inodes.Used, inodes.Free));
            }
        }

        return new Sample(node, at, values);
    }

    /// <summary>A different boot id, or uptime that went down, means the counters restarted.</summary>
    public static bool Rebooted(ProbeSnapshot previous, ProbeSnapshot current)
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(current);
        return (previous.BootId is not null && current.BootId is not null && previous.BootId != current.BootId)
            || (previous.UptimeSeconds is { } before && current.UptimeSeconds is { } now && now < before);
    }

    /// <summary>
    /// The mounts that become disk metrics, with their kind. Bind mounts and btrfs subvolumes show
    /// one filesystem several times under the same device; it is reported once (as df does), under
    /// its system mount or else its shortest mount point, so one full disk raises one alert.
    /// </summary>
    public static IEnumerable<(MountUsage Mount, DiskKind Kind)> WatchedDisks(IEnumerable<MountUsage> mounts, DiskFilter? filter = null)
    {
        var watched = mounts
            .Select(m => (Mount: m, Kind: DiskClassifier.Classify(m, filter)))
            .Where(x => x.Kind is not null)
            .Select(x => (x.Mount, Kind: x.Kind!.Value))
            .ToList();
        var kept = new HashSet<string>(StringComparer.Ordinal);
        foreach (var disk in watched
                     .OrderBy(x => x.Kind)
                     .ThenBy(x => x.Mount.Mount.Length)
                     .ThenBy(x => x.Mount.Mount, StringComparer.Ordinal))
        {
            if (DiskClassifier.IsVirtual(disk.Mount) || kept.Add(disk.Mount.Device))
            {
                yield return disk;
            }
        }
    }

    /// <summary>used / (used + avail) rounded up to a whole percent, as df prints it; null when both are 0.</summary>
    public static double? DfPercent(long used, long avail)
    {
        var total = used + avail;
        if (used < 0 || avail < 0 || total <= 0)
        {
            return null;
        }

        return (double)((used * 100 + total - 1) / total);
    }

    private static double? UsedPct(long total, long free) =>
        total > 0 && free >= 0 && free <= total ? 100.0 * (total - free) / total : null;

    private static void AddIfKnown(Dictionary<string, double> values, string key, double? value)
    {
        if (value is { } v && double.IsFinite(v))
        {
            values[key] = v;
        }
    }
}
