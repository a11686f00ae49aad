using static ChatOpsWatch.Domain.Probing.ProbeFields;

namespace ChatOpsWatch.Domain.Probing;

/// <summary>Collects the section lines of one probe output into a <see cref="ProbeSnapshot"/>.</summary>
internal sealed partial class ProbeSnapshotBuilder(int version)
{
    private readonly HashSet<string> seen = new(StringComparer.Ordinal);
    private readonly List<MountUsage> mounts = [];
    private readonly List<ProbeUnavailable> unavailable = [];
    private ProbeSnapshot snapshot = new() { FormatVersion = version };

    /// <summary>Adds one line, split on spaces; returns an error, or null when the line was taken or ignored.</summary>
    public string? Add(string[] f)
    {
        if (f.Length == 0)
        {
            return "only whitespace, no section name";
        }

        var name = f[0];
        if (name == "unavailable")
        {
            return Unavailable(f);
        }

        if (ProbeSections.Find(name) is not { } section)
        {
            return null; // a section from a newer probe: ignored, so old monitors keep working
        }

        if (section.Once && !seen.Add(name))
        {
            return $"duplicate '{name}' line";
        }

        if (section.Gauge is { } gauge)
        {
            return AddGauge(f, gauge);
        }

        return name switch
        {
            "clock" => Clock(f),
            "uptime" => CountError(f, 1) ?? Decimal(f, 1, out var up) ?? Set(snapshot with { UptimeSeconds = up }),
            "boot" => CountError(f, 1) ?? Set(snapshot with { BootId = Name(f[1]) }),
            "cpu" => Cpu(f),
            "ncpu" => Ncpu(f),
            "load" => Load(f),
            "mem" => Memory(f),
            "disk" => Disk(f),
            _ => AddSystem(f),
        };
    }

    public ProbeSnapshot Build()
    {
        foreach (var section in ProbeSections.ExpectedIn(version).Select(s => s.Name))
        {
            var present = section switch
            {
                "disk" => mounts.Count > 0,
                "dio" => diskIo.Count > 0,
                "net" => interfaces.Count > 0,
                _ => seen.Contains(section),
            };
            if (!present && !unavailable.Exists(u => u.Section == section))
            {
                unavailable.Add(new ProbeUnavailable(section, "missing from the probe output"));
            }
        }

        return snapshot with { Mounts = mounts.ToArray(), System = BuildSystem(), Unavailable = unavailable.ToArray() };
    }

    private string? Set(ProbeSnapshot next)
    {
        snapshot = next;
        return null;
    }

    // Version 2 may add a fraction (date +%s.%N); kept to the millisecond.
    private string? Clock(string[] f) =>
        CountError(f, 1) ?? Decimal(f, 1, out var seconds)
        ?? (seconds > 253402300799
            ? $"clock {f[1]} is past the year 9999"
            : Set(snapshot with
            {
                NodeClock = DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(seconds * 1000)),
                NodeClockResolution = f[1].Contains('.', StringComparison.Ordinal) ? TimeSpan.FromMilliseconds(1) : TimeSpan.FromSeconds(1),
            }));

    private string? Cpu(string[] f) =>
        CountError(f, 8) ?? Wholes(f, 1, 8, out var t)
        ?? Set(snapshot with { Cpu = new CpuTimes(t[0], t[1], t[2], t[3], t[4], t[5], t[6], t[7]) });

    private string? Ncpu(string[] f) =>
        CountError(f, 1) ?? Whole(f, 1, out var n)
        ?? (n is < 1 or > int.MaxValue ? $"ncpu {n} is not a CPU count" : Set(snapshot with { CpuCount = (int)n }));

    private string? Load(string[] f) =>
        CountError(f, 3) ?? Decimal(f, 1, out var one) ?? Decimal(f, 2, out var five) ?? Decimal(f, 3, out var fifteen)
        ?? Set(snapshot with { Load = new LoadAverage(one, five, fifteen) });

    private string? Memory(string[] f) =>
        CountError(f, 4) ?? Whole(f, 1, out var total) ?? Whole(f, 2, out var available)
        ?? Whole(f, 3, out var swapTotal) ?? Whole(f, 4, out var swapFree)
        ?? Set(snapshot with { Memory = new MemoryInfo(total, available, swapTotal, swapFree) });

    // disk MOUNT FSTYPE DEVICE SIZE USED AVAIL INODES IUSED IFREE; inode fields are all '-' without df -i.
    private string? Disk(string[] f)
    {
        if (CountError(f, 9) is { } countError)
        {
            return countError;
        }

        var error = Wholes(f, 4, 3, out var blocks);
        if (error is not null)
        {
            return error;
        }

        InodeUsage? inodes = null;
        if (f[7] != "-" || f[8] != "-" || f[9] != "-")
        {
            error = Wholes(f, 7, 3, out var n);
            if (error is not null)
            {
                return error;
            }

            inodes = new InodeUsage(n[0], n[1], n[2]);
        }

        var mount = Name(Unescape(f[1]));
        if (mounts.Exists(m => m.Mount == mount))
        {
            return $"duplicate disk line for mount '{ProbeParser.Shorten(mount)}'";
        }

        mounts.Add(new MountUsage(mount, f[2] == "-" ? null : Name(f[2]), Name(Unescape(f[3])), blocks[0], blocks[1], blocks[2], inodes));
        return null;
    }

    private string? Unavailable(string[] f)
    {
        if (f.Length < 2)
        {
            return "unavailable line names no section";
        }

        unavailable.Add(new ProbeUnavailable(Name(f[1]), f.Length > 2 ? Text.NodeText.Sanitize(string.Join(' ', f[2..])) : "no reason given"));
        return null;
    }
}
