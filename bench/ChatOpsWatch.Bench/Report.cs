using System.Globalization;
using System.Text;
using System.Text.Json;

namespace ChatOpsWatch.Bench;

/// <summary>Ratios between modes measured by the same run with the same runtime setting (null when a mode was skipped).</summary>
internal sealed record Ratios(
    double? ReconnectOverPersistentMonitorCpu,
    double? ReconnectOverPersistentNodeCpu,
    double? PersistentOverReconnectPollsPerSecond,
    double? ReconnectOverPersistentMonitorCpuSpinOff,
    double? SpinOffOverDefaultPersistentMonitorCpu,
    double? DefaultKexOverCurve25519MonitorCpu);

/// <summary>The walking-skeleton goal: at most this much monitor CPU per poll on persistent connections.</summary>
internal sealed record Target(double MaxMonitorCpuMsPerPoll, double PersistentMedian, double? PersistentSpinOffMedian)
{
    public bool Met => PersistentMedian <= MaxMonitorCpuMsPerPoll;

    public bool? MetSpinOff => PersistentSpinOffMedian <= MaxMonitorCpuMsPerPoll;
}

/// <summary>The results files: ssh-polling.json (everything, every round) and ssh-polling.md (the medians for people).</summary>
internal sealed record Report(Machine Machine, int Nodes, BenchOptions Parameters, IReadOnlyList<ModeResult> Modes, Ratios Ratios, Target Target, StorageResult? Storage)
{
    public static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static Report Build(Machine machine, int nodes, BenchOptions parameters, IReadOnlyList<ModeResult> modes, StorageResult? storage)
    {
        var main = SpinOffVariant.CurrentRuntime;
        Medians? Find(string name, bool variant) =>
            modes.SingleOrDefault(m => m.Name == name && (m.Runtime != main) == variant)?.Median;

        var persistent = Find("persistent", false) ?? throw new InvalidOperationException("the persistent mode is missing");
        var reconnect = Find("reconnect-per-poll", false);
        var spinOff = Find("persistent", true);
        var ratios = new Ratios(
            reconnect?.MonitorCpuMsPerOp / persistent.MonitorCpuMsPerOp,
            reconnect?.NodeCpuMsPerOp / persistent.NodeCpuMsPerOp,
            persistent.OpsPerSecond / reconnect?.OpsPerSecond,
            Find("reconnect-per-poll", true)?.MonitorCpuMsPerOp / spinOff?.MonitorCpuMsPerOp,
            spinOff?.MonitorCpuMsPerOp / persistent.MonitorCpuMsPerOp,
            Find("handshake-sshnet-default-kex", false)?.MonitorCpuMsPerOp / Find("handshake-curve25519-first", false)?.MonitorCpuMsPerOp);
        return new Report(machine, nodes, parameters, modes, ratios, new Target(1.5, persistent.MonitorCpuMsPerOp, spinOff?.MonitorCpuMsPerOp), storage);
    }

    public static string Progress(string label, int round, int rounds, RoundResult r, string unit) => Invariant(
        $"bench: {label}: round {round}/{rounds}: {r.MonitorCpuMsPerOp:0.000} ms monitor CPU/{unit}, {r.OpsPerSecond:0.0} {unit}s/s, node {Ms(r.NodeCpuMsPerOp)} ms/{unit}");

    public void Write(string dir)
    {
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "ssh-polling.json"), JsonSerializer.Serialize(this, JsonOptions) + "\n");
        File.WriteAllText(Path.Combine(dir, "ssh-polling.md"), Markdown());
    }

    public string Markdown()
    {
        var md = new StringBuilder();
        md.AppendLine("# SSH polling benchmark").AppendLine()
            .AppendLine("Written by `scripts/bench.sh` (bench/ChatOpsWatch.Bench); how to read it: bench/README.md. Medians over")
            .AppendLine("rounds. Monitor CPU is the benchmark process's own CPU time per operation (all threads, GC included);")
            .AppendLine("node CPU is that of the lab's sshd processes and the probe commands they ran.").AppendLine()
            .AppendLine("| mode | thread pool | monitor CPU ms/op | ops/s | node CPU ms/op | monitor ms/op by round | connections |")
            .AppendLine("|---|---|---:|---:|---:|---|---:|");
        foreach (var m in Modes)
        {
            var perRound = string.Join(" ", m.Rounds.Select(r => Invariant($"{r.MonitorCpuMsPerOp:0.00}")));
            md.AppendLine(Invariant($"| {m.Name} (op = {m.Unit}) | {Pool(m.Runtime)} | **{m.Median.MonitorCpuMsPerOp:0.00}** | {m.Median.OpsPerSecond:0.0} | {Ms(m.Median.NodeCpuMsPerOp)} | {perRound} | {m.ConnectionsOpened} |"));
        }

        var t = Target;
        md.AppendLine()
            .AppendLine(Invariant($"- **Target**, at most {t.MaxMonitorCpuMsPerPoll} ms of monitor CPU per persistent poll: **{(t.Met ? "met" : "missed")}** with the runtime defaults ({t.PersistentMedian:0.00} ms)")
                + (t.MetSpinOff is { } spinMet ? Invariant($"; **{(spinMet ? "met" : "missed")}** with a thread pool that does not spin ({t.PersistentSpinOffMedian:0.00} ms, ×{X(Ratios.SpinOffOverDefaultPersistentMonitorCpu)}).") : "."))
            .AppendLine(Invariant($"- **Reconnect-per-poll / persistent**: monitor CPU ×{X(Ratios.ReconnectOverPersistentMonitorCpu)} (×{X(Ratios.ReconnectOverPersistentMonitorCpuSpinOff)} without spinning), node CPU ×{X(Ratios.ReconnectOverPersistentNodeCpu)}; persistent polls ×{X(Ratios.PersistentOverReconnectPollsPerSecond)} as fast."))
            .AppendLine(Invariant($"- **SSH.NET's default key exchange / curve25519 first**, monitor CPU per handshake: ×{X(Ratios.DefaultKexOverCurve25519MonitorCpu)}."));
        foreach (var m in Modes)
        {
            md.AppendLine(Invariant($"- `{m.Name}` ({Pool(m.Runtime)}): {m.Description}. {m.WarmupOperations} {m.Unit}s of warm-up, then {m.Rounds.Count} × {m.Rounds[0].Operations}; {m.ConnectionsOpened} connections in all; failures: {m.Failures}.")
                + (m.MeanOutputChars is { } chars ? Invariant($" Probe output {chars:0} chars, {m.MeanMetricsPerSample:0.0} metrics per sample.") : "")
                + (m.KeyExchange is { } kex ? $" Negotiated: `{kex}`." : ""));
            foreach (var error in m.FirstErrors)
            {
                md.AppendLine($"  - error: `{error}`");
            }
        }

        if (Storage is { } st)
        {
            md.AppendLine().AppendLine("## Storage per poll").AppendLine()
                .AppendLine(Invariant($"- **{st.BytesPerPoll:0} bytes stored per poll** (SQLite file growth, WAL checkpointed, index and page slack included), over {st.Polls} polls of the full probe committed one transaction each, as the monitor commits them; the row's metrics JSON is {st.MetricsJsonBytesPerRow:0} bytes for {st.MetricsPerSample:0.0} metrics."))
                .AppendLine(Invariant($"- Committing a poll (synchronous=FULL): {st.CommitCpuMsPerPoll:0.00} ms of monitor CPU, {st.CommitWallMsPerPoll:0.00} ms wall (fsync included)."))
                .AppendLine(Invariant($"- At one core node every 30 s that is {st.BytesPerPoll * 2880 / 1e6:0.0} MB per node per day, {st.BytesPerPoll * 2880 * 7 / 1e6:0} MB for the 7 days the baselines learn from."));
        }

        var p = Parameters;
        md.AppendLine().AppendLine("## Machine and parameters").AppendLine()
            .AppendLine(Invariant($"- {Machine.DateUtc}; {Machine.Nproc} CPUs ({Machine.CpuModel}); {Machine.Os}"))
            .AppendLine(Invariant($"- {Machine.Runtime}, SDK {Machine.DotnetSdk}, SSH.NET {Machine.SshNet}; nodes: `{Machine.NodeServer}`"))
            .AppendLine(Invariant($"- Load average {Machine.LoadAverageAtStart} at start, {Machine.LoadAverageAtEnd} at end; the nodes and the monitor share these CPUs"))
            .AppendLine(Invariant($"- K={Nodes} nodes, login user `{p.User}`; R={p.Rounds} rounds; {p.Polls} persistent and {p.ReconnectPolls} reconnect polls per round after {p.Warmup} and {p.ReconnectWarmup} warm-up polls; {p.Concurrency} in flight, {(p.Rate > 0 ? Invariant($"paced at {p.Rate} polls/s") : "flat out")}; {p.Handshakes} handshakes per round after {p.HandshakeWarmup}"));
        return md.ToString();
    }

    private static string Pool(string runtime) => runtime == SpinOffVariant.Defaults ? "default" : "spin limit " + runtime[(runtime.IndexOf('=', StringComparison.Ordinal) + 1)..];

    private static string Ms(double? value) => value is { } v ? v.ToString("0.00", CultureInfo.InvariantCulture) : "n/a";

    private static string X(double? value) => value is { } v ? v.ToString("0.0", CultureInfo.InvariantCulture) : "n/a";

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);
}
