namespace ChatOpsWatch.Corpus;

/// <summary>A labelled incident: the fault's window and the moment it does harm (NAB's anomaly point).</summary>
internal sealed record Incident(string Kind, DateTimeOffset Start, DateTimeOffset End, DateTimeOffset At);

/// <summary>
/// Injects one fault into a healthy series in place, the way it shows on a real node, and returns its label.
/// Values set to NaN are missing (a node that is down writes no rows).
/// </summary>
internal static class Faults
{
    public static Incident Inject(string kind, double[] v, int on, DateTimeOffset start, TimeSpan step, NoiseSpec s, Random rng)
    {
        var perHour = (int)(3600 / step.TotalSeconds);
        DateTimeOffset T(int i) => start + (step * i);
        int Len(double hours) => Math.Max(1, (int)(hours * perHour));
        void Each(int from, int n, Func<int, double, double> f)
        {
            for (var i = from; i < Math.Min(v.Length, from + n); i++)
            {
                v[i] = double.IsNaN(v[i]) ? v[i] : Math.Clamp(f(i - from, v[i]), s.Min, s.Max);
            }
        }

        switch (kind)
        {
            case "service_died":
                {
                    // The workload's process is gone: CPU falls to the kernel's idle hum, requests to almost none.
                    var n = Len(Rng.Between(rng, 1, 6));
                    Each(on, n, (_, x) => s.Multiplicative ? x * Rng.Between(rng, 0.0, 0.02) : Rng.Between(rng, 0.3, 2.0));
                    return new(kind, T(on), T(on + n), T(on));
                }

            case "cpu_runaway":
                {
                    // A job spins: a steady 10-20 % steps to 40-60 % and stays until someone kills it.
                    var n = Len(Rng.Between(rng, 3, 20));
                    var target = Rng.Between(rng, 40, 60);
                    Each(on, n, (_, x) => target + (x - s.Level) * 0.5 + (2 * Rng.Normal(rng)));
                    return new(kind, T(on), T(on + n), T(on));
                }

            case "memory_leak":
                {
                    // Memory climbs linearly to about 96 %, then the OOM killer restarts the process.
                    var n = Len(Rng.Between(rng, 6, 40));
                    var top = Rng.Between(rng, 94, 98);
                    var from = v[on];
                    Each(on, n, (k, x) => x + ((top - from) * k / n));
                    return new(kind, T(on), T(on + n), T(on + n));
                }

            case "disk_filling":
                {
                    // A runaway log fills the filesystem at a few points an hour; at 99 % someone cleans up.
                    var rate = Rng.Between(rng, 2, 8);
                    var n = Len((99 - v[on]) / rate);
                    Each(on, n + Len(0.5), (k, x) => Math.Min(99.5, x + (rate * k / perHour)));
                    return new(kind, T(on), T(on + n + Len(0.5)), T(on + n));
                }

            case "io_saturation":
                {
                    // The disk saturates: await climbs to 20-60 times its usual level, holds, then drains.
                    var ramp = Len(Rng.Between(rng, 0.3, 1.5));
                    var hold = Len(Rng.Between(rng, 0.5, 2));
                    var factor = Rng.Between(rng, 20, 60);
                    Each(on, ramp + hold, (k, x) => x * Math.Pow(factor, Math.Min(1.0, (double)k / ramp)));
                    return new(kind, T(on), T(on + ramp + hold), T(on + ramp));
                }

            case "packet_loss":
                {
                    // Loss on the path: retransmits add 80-300 ms to the round trip, with triple the jitter.
                    var n = Len(Rng.Between(rng, 0.5, 4));
                    var add = Rng.Between(rng, 80, 300);
                    Each(on, n, (_, x) => x + add + (Math.Abs(Rng.StudentT(rng, 3)) * add * 0.3));
                    return new(kind, T(on), T(on + n), T(on));
                }

            case "traffic_drop":
                {
                    // Upstream routing or DNS broke: 5-30 % of the usual traffic arrives.
                    var n = Len(Rng.Between(rng, 1, 6));
                    var keep = Rng.Between(rng, 0.05, 0.3);
                    Each(on, n, (_, x) => x * keep);
                    return new(kind, T(on), T(on + n), T(on));
                }

            case "reboot":
                return Reboot(v, on, T, Len, Each, s, rng);

            case "slow_drift":
                {
                    // A fan failing, a backlog growing: the level creeps up over 2-4 days and stays there.
                    var n = Len(Rng.Between(rng, 48, 96));
                    var delta = s.Max <= 100 && s.Level < 30 ? Rng.Between(rng, 15, 25) : Rng.Between(rng, 8, 15);
                    Each(on, v.Length - on, (k, x) => x + (delta * Math.Min(1.0, (double)k / n)));
                    return new(kind, T(on), T(Math.Min(v.Length - 1, on + n + Len(12))), T(Math.Min(v.Length - 1, on + n)));
                }

            default:
                throw new ArgumentException($"unknown incident kind '{kind}'", nameof(kind));
        }
    }

    private static Incident Reboot(double[] v, int on, Func<int, DateTimeOffset> t, Func<double, int> len, Action<int, int, Func<int, double, double>> each, NoiseSpec s, Random rng)
    {
        // The node is down for 4-12 minutes (no rows), then boots: a CPU storm, memory with cold caches that
        // refill over hours, and counters reset (the first rate after the reset is garbage, then traffic warms up).
        var gap = len(Rng.Between(rng, 4, 12) / 60.0);
        for (var i = on; i < Math.Min(v.Length, on + gap); i++)
        {
            v[i] = double.NaN;
        }

        var after = on + gap;
        if (s.Multiplicative)
        {
            if (after < v.Length)
            {
                v[after] = s.Level * Rng.Between(rng, 30, 80);
            }

            each(after + 1, len(0.4), (k, x) => x * (0.3 + (0.7 * k / len(0.4))));
        }
        else if (s.Level < 30)
        {
            each(after, len(Rng.Between(rng, 4, 8) / 60.0), (_, _) => Rng.Between(rng, 85, 100));
        }
        else
        {
            var drop = Rng.Between(rng, 15, 30);
            var tau = len(Rng.Between(rng, 4, 10));
            each(after, 8 * tau, (k, x) => x - (drop * Math.Exp(-(double)k / tau)));
        }

        return new("reboot", t(on), t(after + len(1)), t(on));
    }
}
