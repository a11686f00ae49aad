using ChatOpsWatch.Domain.Text;
using ChatOpsWatch.Domain.Ports;
using ChatOpsWatch.Domain.Samples;
using ChatOpsWatch.Infrastructure.Probe;
using ChatOpsWatch.Infrastructure.Ssh;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChatOpsWatch.Bench;

/// <summary>The two ways to poll: one persistent session per node (production), or a new connection per poll.</summary>
internal static class PollModes
{
    private static readonly SshSettings Settings = SshSettings.Default;

    /// <summary>
    /// The real probe command line, sent with every poll as production sends it: the full probe, with the
    /// application layer watching one process and one port as a configured node does.
    /// </summary>
    private static readonly string Command = ProbeScript.RemoteCommand(Settings.ProbeDeadline, ProbeTargets.Create(["sshd"], [22]));

    public const string ProbeDescription = "the full probe (system layer, plus process `sshd` and port 22)";

    /// <summary>Polls over persistent sessions; when <paramref name="keep"/> is given, it collects up to <paramref name="keepAtMost"/> of the polled samples, for the storage measurement.</summary>
    public static async Task<ModeResult> PersistentAsync(Lab lab, BenchOptions options, NodeCpu? nodeCpu, List<Sample>? keep = null, int keepAtMost = 0)
    {
        var keys = new InMemoryHostKeyStore();
        var sessions = lab.Nodes.Select(n => NewSession(lab, n, keys)).ToArray();
        try
        {
            var driver = new PollDriver(lab, options.Concurrency, options.Rate, (i, ct) => sessions[i].RunAsync(ct), keep, keepAtMost);
            var rounds = await RoundsAsync("persistent", driver, options.Warmup, options.Polls, options.Rounds, nodeCpu);
            return Result(
                "persistent",
                $"one SshNodeSession per node, reused by every poll, running {ProbeDescription}; {driver.Workers} polls in flight",
                options.Warmup,
                rounds,
                sessions.Sum(s => s.Connects),
                driver);
        }
        finally
        {
            foreach (var session in sessions)
            {
                session.Dispose();
            }
        }
    }

    public static async Task<ModeResult> ReconnectAsync(Lab lab, BenchOptions options, NodeCpu? nodeCpu)
    {
        var keys = new InMemoryHostKeyStore();
        var connects = 0;
        var driver = new PollDriver(lab, options.Concurrency, options.Rate, async (i, ct) =>
        {
            using var session = NewSession(lab, lab.Nodes[i], keys);
            var run = await session.RunAsync(ct);
            Interlocked.Add(ref connects, session.Connects);
            return run;
        });
        var rounds = await RoundsAsync("reconnect", driver, options.ReconnectWarmup, options.ReconnectPolls, options.Rounds, nodeCpu);
        return Result(
            "reconnect-per-poll",
            $"a new SshNodeSession (TCP connect, curve25519 key exchange, key auth) for every poll, disposed after it; {driver.Workers} polls in flight",
            options.ReconnectWarmup,
            rounds,
            connects,
            driver);
    }

    private static async Task<IReadOnlyList<RoundResult>> RoundsAsync(string label, PollDriver driver, int warmup, int polls, int count, NodeCpu? nodeCpu)
    {
        Console.Error.WriteLine($"bench: {label}: warm-up, {warmup} polls");
        await driver.RunAsync(warmup);
        var rounds = new List<RoundResult>();
        for (var r = 1; r <= count; r++)
        {
            var round = await Meter.RoundAsync(polls, driver.RunAsync, nodeCpu);
            rounds.Add(round);
            Console.Error.WriteLine(Report.Progress(label, r, count, round, "poll"));
        }

        return rounds;
    }

    private static ModeResult Result(string name, string description, int warmup, IReadOnlyList<RoundResult> rounds, int connects, PollDriver driver) =>
        new(name, SpinOffVariant.CurrentRuntime, "poll", description, warmup, rounds, connects, driver.Failed, driver.FirstErrors, driver.MeanOutputChars, driver.MeanMetrics, null);

    private static SshNodeSession NewSession(Lab lab, LabNode node, IHostKeyStore keys) =>
        new(lab.Target(node), Command, Settings, keys, TimeProvider.System, NullLogger<SshNodeSession>.Instance, TextCatalog.English);
}
