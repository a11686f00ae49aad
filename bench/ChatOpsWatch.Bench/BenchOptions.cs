using System.Globalization;

namespace ChatOpsWatch.Bench;

/// <summary>Benchmark parameters. Each flag also reads an environment variable (flag wins), so bench.sh can pass either.</summary>
internal sealed record BenchOptions(
    string LabDir,
    string OutDir,
    string User,
    string NodeCgroup,
    int Rounds,
    int Polls,
    int ReconnectPolls,
    int Warmup,
    int ReconnectWarmup,
    int Concurrency,
    int Rate,
    int Handshakes,
    int HandshakeWarmup,
    bool SpinOffVariant,
    string? PollsOnlyTo)
{
    public const string Usage = """
        Usage: ChatOpsWatch.Bench --lab-dir DIR [options]
          --lab-dir DIR            a running lab (scripts/lab.sh): nodes.txt, id_ed25519      env COW_LAB_DIR
          --out DIR                where ssh-polling.md/.json go (default bench/results)      env BENCH_OUT
          --user NAME              login user on the nodes (default cowlab, see README)       env BENCH_USER
          --node-cgroup DIR        cgroup holding the lab's sshd, for node CPU (default none) env BENCH_NODE_CGROUP
          --rounds R               measured rounds per mode (default 5)                       env BENCH_ROUNDS
          --polls N                polls per round, persistent (default 400)                  env BENCH_POLLS
          --reconnect-polls N      polls per round, reconnect-per-poll (default 100)          env BENCH_RECONNECT_POLLS
          --warmup N               discarded polls before persistent rounds (default 200)     env BENCH_WARMUP
          --reconnect-warmup N     discarded polls before reconnect rounds (default 100)      env BENCH_RECONNECT_WARMUP
          --concurrency C          polls in flight, at most one per node (default 2)          env BENCH_CONCURRENCY
          --rate P                 polls/s in all, paced by timers; 0 = flat out (default 0) env BENCH_RATE
          --handshakes N           handshakes per round per key exchange; 0 skips (default 20) env BENCH_HANDSHAKES
          --handshake-warmup N     discarded handshakes per key exchange (default 50)         env BENCH_HANDSHAKE_WARMUP
          --spin-off-variant 0|1   also poll from a child process whose thread pool does not
                                   spin (DOTNET_ThreadPool_UnfairSemaphoreSpinLimit=0) (default 1) env BENCH_SPIN_OFF_VARIANT
          --polls-only-to FILE     (internal) run only the two polling modes, write them to FILE as JSON
        """;

    public static BenchOptions Parse(IReadOnlyList<string> args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            var flag = args[i];
            if (!flag.StartsWith("--", StringComparison.Ordinal) || !Flags.ContainsKey(flag))
            {
                throw new ArgumentException($"unknown argument '{flag}'");
            }

            if (i + 1 >= args.Count)
            {
                throw new ArgumentException($"{flag} needs a value");
            }

            values[flag] = args[++i];
        }

        string Get(string flag, string fallback) =>
            values.TryGetValue(flag, out var v) ? v : Environment.GetEnvironmentVariable(Flags[flag]) is { Length: > 0 } e ? e : fallback;

        int Int(string flag, int fallback, int min)
        {
            var text = Get(flag, fallback.ToString(CultureInfo.InvariantCulture));
            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < min)
            {
                throw new ArgumentException($"{flag} (or {Flags[flag]}) must be a whole number >= {min}, got '{text}'");
            }

            return n;
        }

        var labDir = Get("--lab-dir", "");
        if (labDir.Length == 0)
        {
            throw new ArgumentException("--lab-dir (or COW_LAB_DIR) is required: the directory of a running lab");
        }

        return new BenchOptions(
            labDir,
            Get("--out", Path.Combine("bench", "results")),
            Get("--user", "cowlab"),
            Get("--node-cgroup", ""),
            Int("--rounds", 5, 1),
            Int("--polls", 400, 1),
            Int("--reconnect-polls", 100, 1),
            Int("--warmup", 200, 0),
            Int("--reconnect-warmup", 100, 0),
            Int("--concurrency", 2, 1),
            Int("--rate", 0, 0),
            Int("--handshakes", 20, 0),
            Int("--handshake-warmup", 50, 0),
            Int("--spin-off-variant", 1, 0) != 0,
            values.GetValueOrDefault("--polls-only-to"));
    }

    private static readonly Dictionary<string, string> Flags = new(StringComparer.Ordinal)
    {
        ["--lab-dir"] = "COW_LAB_DIR",
        ["--out"] = "BENCH_OUT",
        ["--user"] = "BENCH_USER",
        ["--node-cgroup"] = "BENCH_NODE_CGROUP",
        ["--rounds"] = "BENCH_ROUNDS",
        ["--polls"] = "BENCH_POLLS",
        ["--reconnect-polls"] = "BENCH_RECONNECT_POLLS",
        ["--warmup"] = "BENCH_WARMUP",
        ["--reconnect-warmup"] = "BENCH_RECONNECT_WARMUP",
        ["--concurrency"] = "BENCH_CONCURRENCY",
        ["--rate"] = "BENCH_RATE",
        ["--handshakes"] = "BENCH_HANDSHAKES",
        ["--handshake-warmup"] = "BENCH_HANDSHAKE_WARMUP",
        ["--spin-off-variant"] = "BENCH_SPIN_OFF_VARIANT",
        ["--polls-only-to"] = "",
    };
}
