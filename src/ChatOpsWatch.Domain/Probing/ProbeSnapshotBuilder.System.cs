using static ChatOpsWatch.Domain.Probing.ProbeFields;

namespace ChatOpsWatch.Domain.Probing;

/// <summary>
/// The format-2 sections. A malformed line here costs only its own indicator: it is recorded as
/// unavailable with the reason, and the rest of the poll stands.
/// </summary>
internal sealed partial class ProbeSnapshotBuilder
{
    private readonly List<DiskIoCounters> diskIo = [];
    private readonly List<NetCounters> interfaces = [];
    private readonly List<ProcessUsage> processes = [];
    private readonly List<PortState> ports = [];
    private readonly Dictionary<string, IReadOnlyList<long>> gauges = new(StringComparer.Ordinal);
    private SystemReadings system = SystemReadings.None;

    private string? AddSystem(string[] f)
    {
        var error = f[0] switch
        {
            "dio" => DiskIo(f),
            "net" => Net(f),
            "tcp" => CountError(f, 3) ?? Wholes(f, 1, 3, out var t) ?? Keep(system with { Tcp = new TcpCounters(t[0], t[1], t[2]) }),
            "tw" => CountError(f, 1) ?? Whole(f, 1, out var tw) ?? Keep(system with { TimeWait = tw }),
            "oom" => CountError(f, 1) ?? Whole(f, 1, out var oom) ?? Keep(system with { OomKills = oom }),
            "systemd" => CountError(f, 1) ?? Whole(f, 1, out var failed) ?? Keep(system with { SystemdFailedUnits = (int)Math.Min(failed, int.MaxValue) }),
            "proc" => Process(f),
            "port" => Port(f),
            _ => throw new InvalidOperationException($"ProbeSections lists '{f[0]}' but the parser has no reader for it"),
        };
        if (error is not null)
        {
            unavailable.Add(new ProbeUnavailable(f[0], "unreadable line: " + error));
        }

        return null;
    }

    private SystemReadings BuildSystem() =>
        system with { DiskIo = diskIo.ToArray(), Interfaces = interfaces.ToArray(), Processes = processes.ToArray(), Ports = ports.ToArray(), Gauges = gauges };

    /// <summary>A catalogue gauge section (<c>SECTION N1 N2 …</c>): like the other format-2 sections, a malformed line costs only its indicator.</summary>
    private string? AddGauge(string[] f, Indicators.ProbeGauge gauge)
    {
        var values = Array.Empty<long>();
        var error = CountError(f, gauge.Fields) ?? Wholes(f, 1, gauge.Fields, out values);
        if (error is not null)
        {
            unavailable.Add(new ProbeUnavailable(f[0], "unreadable line: " + error));
            return null;
        }

        gauges[f[0]] = values;
        return null;
    }

    private string? Keep(SystemReadings next)
    {
        system = next;
        return null;
    }

    // dio DEV READS RSECTORS READMS WRITES WSECTORS WRITEMS INFLIGHT IOMS WEIGHTEDMS
    private string? DiskIo(string[] f)
    {
        if (CountError(f, 10) is { } countError)
        {
            return countError;
        }

        if (Wholes(f, 2, 9, out var v) is { } error)
        {
            return error;
        }

        if (diskIo.Exists(d => d.Device == Name(f[1])))
        {
            return $"duplicate dio line for device '{ProbeParser.Shorten(f[1])}'";
        }

        diskIo.Add(new DiskIoCounters(Name(f[1]), v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8]));
        return null;
    }

    // net IFACE RXBYTES RXERRS RXDROP TXBYTES TXERRS TXDROP
    private string? Net(string[] f)
    {
        if (CountError(f, 7) is { } countError)
        {
            return countError;
        }

        if (Wholes(f, 2, 6, out var v) is { } error)
        {
            return error;
        }

        if (interfaces.Exists(i => i.Interface == Name(f[1])))
        {
            return $"duplicate net line for interface '{ProbeParser.Shorten(f[1])}'";
        }

        interfaces.Add(new NetCounters(Name(f[1]), v[0], v[1], v[2], v[3], v[4], v[5]));
        return null;
    }

    // proc NAME COUNT RSSKIB
    private string? Process(string[] f)
    {
        if (CountError(f, 3) is { } countError)
        {
            return countError;
        }

        if (Whole(f, 2, out var count) is { } error)
        {
            return error;
        }

        if (Whole(f, 3, out var rss) is { } rssError)
        {
            return rssError;
        }

        processes.RemoveAll(p => p.Name == Name(f[1])); // a name configured twice is reported twice, identically
        processes.Add(new ProcessUsage(Name(f[1]), (int)Math.Min(count, int.MaxValue), rss));
        return null;
    }

    // port PORT 1|0
    private string? Port(string[] f)
    {
        if (CountError(f, 2) is { } countError)
        {
            return countError;
        }

        if (Whole(f, 1, out var port) is { } error)
        {
            return error;
        }

        if (port is < 1 or > 65535 || f[2] is not ("0" or "1"))
        {
            return $"port line '{ProbeParser.Shorten(string.Join(' ', f))}' is not 'port 1-65535 0|1'";
        }

        ports.RemoveAll(p => p.Port == port);
        ports.Add(new PortState((int)port, f[2] == "1"));
        return null;
    }
}
