using System.Globalization;

namespace ChatOpsWatch.Bench;

/// <summary>
/// CPU spent on the node side: everything in the cgroup that scripts/bench.sh put the lab's sshd
/// listeners into (forked sshd sessions and the probe's commands inherit it). A cgroup counts the
/// time of exited processes too. Summing /proc/PID/stat (own plus reaped children's time) lost it:
/// the time of a finished sshd session never reached the listener's children's time.
/// </summary>
internal sealed class NodeCpu
{
    private readonly string _file;
    private readonly bool _v1;

    private NodeCpu(string file, bool v1)
    {
        _file = file;
        _v1 = v1;
    }

    /// <summary>A cgroup v1 cpuacct directory (cpuacct.usage) or a cgroup v2 directory (cpu.stat).</summary>
    public static NodeCpu Open(string cgroupDir)
    {
        var v1 = Path.Combine(cgroupDir, "cpuacct.usage");
        var v2 = Path.Combine(cgroupDir, "cpu.stat");
        var cpu = File.Exists(v1) ? new NodeCpu(v1, true)
            : File.Exists(v2) ? new NodeCpu(v2, false)
            : throw new InvalidOperationException($"{cgroupDir} has neither cpuacct.usage (cgroup v1) nor cpu.stat (cgroup v2)");
        cpu.TotalMs();
        return cpu;
    }

    /// <summary>Total CPU milliseconds of the cgroup since it was made.</summary>
    public double TotalMs()
    {
        var text = File.ReadAllText(_file);
        if (_v1)
        {
            return long.Parse(text.Trim(), CultureInfo.InvariantCulture) / 1e6; // nanoseconds
        }

        foreach (var line in text.Split('\n'))
        {
            var f = line.Split(' ');
            if (f.Length == 2 && f[0] == "usage_usec")
            {
                return long.Parse(f[1], CultureInfo.InvariantCulture) / 1e3;
            }
        }

        throw new InvalidOperationException($"{_file} has no usage_usec line");
    }
}
