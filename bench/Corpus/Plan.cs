namespace ChatOpsWatch.Corpus;

/// <summary>One series to generate: its file, metric, healthy behaviour and the incidents to inject, in order.</summary>
internal sealed record SeriesPlan(string Name, string Metric, NoiseSpec Noise, string[] Incidents);

/// <summary>A split's settings: the test split uses other seeds AND other parameters (heavier tails, more bursts,
/// a 30 s interval, five weeks, other levels and peak hours), so tuning on train cannot fit the test noise.</summary>
internal sealed record SplitProfile(string Name, int Seed, int Weeks, TimeSpan Interval, int Nu, double SigmaScale, double BurstScale, double LevelScale, double PeakShift)
{
    public static SplitProfile Train { get; } = new("train", 1101, 4, TimeSpan.FromSeconds(60), 5, 1.0, 1.0, 1.0, 0);

    public static SplitProfile Test { get; } = new("test", 9907, 5, TimeSpan.FromSeconds(30), 3, 1.3, 1.5, 0.8, 3);

    public IReadOnlyList<SeriesPlan> Series()
    {
        NoiseSpec Pct(double level, double amp, double sigma, double bursts, double burst, int minutes, double min = 0, double max = 100, double growth = 0, double nightly = 0, double changes = 0.5) =>
            new(level * LevelScale, amp, 14 + PeakShift, 0.75, sigma * SigmaScale, Nu, bursts * BurstScale, burst, minutes, changes * BurstScale, 0.08, min, max, false, growth, nightly);
        NoiseSpec Mul(double level, double amp, double weekend, double sigma, double bursts, double burst, int minutes, double changes = 0.5) =>
            new(level * LevelScale, amp, 20 + PeakShift, weekend, sigma * SigmaScale, Nu, bursts * BurstScale, burst, minutes, changes * BurstScale, 0.12, 0, double.MaxValue, true);
        return
        [
            new("cpu-web", "cpu.busy_pct", Pct(15, 0.4, 2.5, 4, 25, 8), ["service_died", "cpu_runaway", "reboot"]),
            new("cpu-db", "cpu.busy_pct", Pct(20, 0.3, 3, 3, 20, 10, nightly: 90), ["cpu_runaway", "service_died", "slow_drift"]),
            new("cpu-idle", "cpu.busy_pct", Pct(3, 0.2, 0.8, 6, 30, 3), []),
            new("mem-app", "mem.used_pct", Pct(45, 0.04, 0.8, 2, 4, 20), ["memory_leak", "reboot", "memory_leak"]),
            new("mem-db", "mem.used_pct", Pct(60, 0.02, 0.5, 1, 3, 30), ["memory_leak", "reboot"]),
            new("disk-logs", "disk.used_pct", Pct(40, 0.002, 0.05, 0, 0, 1, growth: 0.2, changes: 0), ["disk_filling", "disk_filling"]),
            new("disk-data", "disk.used_pct", Pct(62, 0.001, 0.05, 0, 0, 1, growth: 0.1, changes: 0), ["disk_filling", "disk_filling"]),
            new("io-await", "disk.io.read_await_ms", Mul(3, 0.3, 0.8, 0.3, 6, 6, 5), ["io_saturation", "io_saturation", "io_saturation", "io_saturation"]),
            new("net-rx", "net.rx_bytes_per_s", Mul(2e6, 0.6, 0.6, 0.25, 3, 4, 10), ["traffic_drop", "reboot", "traffic_drop"]),
            new("net-quiet", "net.tx_bytes_per_s", Mul(4e4, 0.3, 0.9, 0.5, 8, 10, 4), []),
            new("http-req", "http.requests_per_s", Mul(120, 0.7, 0.5, 0.2, 2, 3, 15), ["service_died", "traffic_drop", "traffic_drop"]),
            new("ping-rtt", "ping.rtt_ms", Mul(60, 0.05, 1, 0.05, 8, 2, 3, changes: 1), ["packet_loss", "packet_loss", "packet_loss", "packet_loss"]),
            new("temp-cpu", "temp.cpu_celsius", Pct(48, 0.05, 0.6, 2, 3, 20, max: 110), ["slow_drift"]),
            new("temp-hdd", "temp.hdd_celsius", Pct(38, 0.03, 0.4, 0, 0, 1, max: 110), ["slow_drift"]),
        ];
    }
}
