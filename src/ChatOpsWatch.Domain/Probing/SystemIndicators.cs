using static ChatOpsWatch.Domain.Probing.SystemMetricNames;

namespace ChatOpsWatch.Domain.Probing;

/// <summary>
/// The format-2 indicators of one poll. Rates use the node's uptime between the two polls as the
/// interval. A counter that went backwards (reboot, wrap, a device or interface that was replaced)
/// gives no value for that device or interface, never a negative or absurd one.
/// </summary>
internal static class SystemIndicators
{
    private const double BytesPerSector = 512;

    public static void Add(Dictionary<string, double> values, ProbeSnapshot? previous, ProbeSnapshot current, bool rebooted, DateTimeOffset clockReference)
    {
        var now = current.System;
        Gauges(values, now);
        if (current.NodeClock is { } clock)
        {
            // A whole-second clock (BusyBox date) was cut down to its second: it was read, on average, half a second later.
            var resolution = current.NodeClockResolution;
            var read = resolution >= TimeSpan.FromSeconds(1) ? clock + (resolution / 2) : clock;
            values[NodeClockOffsetSeconds] = (read - clockReference).TotalSeconds;
            values[NodeClockResolutionSeconds] = resolution.TotalSeconds;
        }

        if (previous is null)
        {
            return;
        }

        if (rebooted || CanTellReboot(previous, current))
        {
            values[NodeRebooted] = rebooted ? 1 : 0;
        }

        if (rebooted || Interval(previous, current) is not { } seconds)
        {
            return;
        }

        var before = previous.System;
        foreach (var d in now.DiskIo)
        {
            if (before.DiskIo.FirstOrDefault(x => x.Device == d.Device) is { } b)
            {
                DiskIo(values, b, d, seconds);
            }
        }

        foreach (var n in now.Interfaces)
        {
            if (before.Interfaces.FirstOrDefault(x => x.Interface == n.Interface) is { } b)
            {
                Net(values, b, n, seconds);
            }
        }

        if (before.Tcp is { } t0 && now.Tcp is { } t1 && t1.OutSegments >= t0.OutSegments && t1.RetransSegments >= t0.RetransSegments)
        {
            var sent = t1.OutSegments - t0.OutSegments;
            var retrans = t1.RetransSegments - t0.RetransSegments;
            values[TcpRetransPerSecond] = retrans / seconds;
            if (sent > 0)
            {
                values[TcpRetransPct] = Math.Min(100, 100.0 * retrans / sent);
            }
        }

        if (before.OomKills is { } k0 && now.OomKills is { } k1 && k1 >= k0)
        {
            values[OomKills] = k1 - k0;
        }
    }

    private static bool CanTellReboot(ProbeSnapshot previous, ProbeSnapshot current) =>
        (previous.BootId is not null && current.BootId is not null)
        || (previous.UptimeSeconds is not null && current.UptimeSeconds is not null);

    /// <summary>Seconds of node uptime between the polls; null when unknown or not positive.</summary>
    private static double? Interval(ProbeSnapshot previous, ProbeSnapshot current) =>
        previous.UptimeSeconds is { } a && current.UptimeSeconds is { } b && b - a > 0 ? b - a : null;

    private static void Gauges(Dictionary<string, double> values, SystemReadings now)
    {
        if (now.Tcp is { } tcp)
        {
            values[TcpConnections] = tcp.CurrentEstablished;
        }

        if (now.TimeWait is { } tw)
        {
            values[TcpTimeWait] = tw;
        }

        if (now.SystemdFailedUnits is { } failed)
        {
            values[SystemdFailedUnits] = failed;
        }

        foreach (var p in now.Processes)
        {
            values[Process(ProcRunning, p.Name)] = p.Count > 0 ? 1 : 0;
            values[Process(ProcCount, p.Name)] = p.Count;
            values[Process(ProcRssBytes, p.Name)] = p.RssKiB * 1024.0;
        }

        foreach (var p in now.Ports)
        {
            values[Port(p.Port)] = p.Listening ? 1 : 0;
        }
    }

    private static void DiskIo(Dictionary<string, double> values, DiskIoCounters b, DiskIoCounters d, double seconds)
    {
        long[] delta =
        [
            d.Reads - b.Reads, d.ReadSectors - b.ReadSectors, d.ReadMs - b.ReadMs, d.Writes - b.Writes,
            d.WriteSectors - b.WriteSectors, d.WriteMs - b.WriteMs, d.IoMs - b.IoMs, d.WeightedMs - b.WeightedMs,
        ];
        if (delta.Any(x => x < 0))
        {
            return;
        }

        var ms = seconds * 1000;
        var dev = d.Device;
        values[Device(DiskIoReadIops, dev)] = delta[0] / seconds;
        values[Device(DiskIoWriteIops, dev)] = delta[3] / seconds;
        values[Device(DiskIoReadBytesPerSecond, dev)] = delta[1] * BytesPerSector / seconds;
        values[Device(DiskIoWriteBytesPerSecond, dev)] = delta[4] * BytesPerSector / seconds;
        values[Device(DiskIoReadAwaitMs, dev)] = delta[0] > 0 ? (double)delta[2] / delta[0] : 0;
        values[Device(DiskIoWriteAwaitMs, dev)] = delta[3] > 0 ? (double)delta[5] / delta[3] : 0;

        // io_ms is sampled at jiffy granularity and the two polls' uptimes at 10 ms: cap at 100.
        values[Device(DiskIoUtilPct, dev)] = Math.Min(100, 100 * delta[6] / ms);
        values[Device(DiskIoQueue, dev)] = delta[7] / ms;
    }

    private static void Net(Dictionary<string, double> values, NetCounters b, NetCounters n, double seconds)
    {
        long[] delta = [n.RxBytes - b.RxBytes, n.TxBytes - b.TxBytes, n.RxErrors - b.RxErrors, n.TxErrors - b.TxErrors, n.RxDrops - b.RxDrops, n.TxDrops - b.TxDrops];
        if (delta.Any(x => x < 0))
        {
            return;
        }

        var i = n.Interface;
        values[Interface(NetRxBytesPerSecond, i)] = delta[0] / seconds;
        values[Interface(NetTxBytesPerSecond, i)] = delta[1] / seconds;
        values[Interface(NetRxErrors, i)] = delta[2];
        values[Interface(NetTxErrors, i)] = delta[3];
        values[Interface(NetRxDrops, i)] = delta[4];
        values[Interface(NetTxDrops, i)] = delta[5];
    }
}
