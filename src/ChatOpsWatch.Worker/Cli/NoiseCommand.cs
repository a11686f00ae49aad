using ChatOpsWatch.Domain.Engine.Noise;
using ChatOpsWatch.Domain.Engine.Policy;
using ChatOpsWatch.Domain.Ports;
using ChatOpsWatch.Worker.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsWatch.Worker.Cli;

/// <summary>
/// <c>noise [--config FILE] [--days 7] [--self-resolve 10m] [--input EPISODES.jsonl] [--lang en|zh-CN]</c>: per rule,
/// how many alert episodes resolved by themselves, flapped or were muted before anyone acknowledged them, with a
/// suggestion. Episodes come from replaying the stored samples through today's rules (7 more days first, so the
/// baselines are warm), or from a backtest's JSON lines. Reads the database only.
/// </summary>
internal static class NoiseCommand
{
    public const string Usage = "usage: chatopswatch noise [--config FILE] [--days 7] [--self-resolve 10m] [--input EPISODES.jsonl] [--lang en|zh-CN]";

    private static readonly HashSet<string> Options = ["--config", "--days", "--self-resolve", "--input", "--lang"];

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, TimeProvider time) =>
        ReportVerb.Run(
            "noise",
            Usage,
            args,
            Options,
            stderr,
            a => a.Input is { } input ? FromFile(a, input, stdout, stderr) : null,
            (a, config) => FromDatabase(a, config, stdout, stderr, time));

    private static int FromDatabase(ReportArgs a, Configuration.WatchConfig config, TextWriter stdout, TextWriter stderr, TimeProvider time)
    {
        using var stores = StorageComposition.ForVerb(config, time);
        var history = stores.GetRequiredService<IHistoryReader>();
        var since = time.GetUtcNow().AddDays(-a.Days);
        var warm = since - Polling.NodePoller.WarmUpSpan;
        var total = history.CountSamples(null, warm);
        if (total == 0)
        {
            stderr.WriteLine($"noise: no samples since {warm:yyyy-MM-dd HH:mm} UTC in {history.Location}");
            return BacktestCommand.ExitData;
        }

        var nodes = history.Nodes().ToDictionary(n => n.Name, StringComparer.Ordinal);
        var replay = new EpisodeReplay(config.Monitor, config.Engine, nodes, since);
        var progress = new Progress("noise", total, stderr);
        history.Replay(null, warm, s => { replay.Observe(s); progress.Tick(); }, CancellationToken.None);
        progress.Done();
        var options = new NoiseOptions(a.SelfResolve, WarningLevels: config.Monitor.Rules.ToDictionary(r => r.Id, r => r.Warning, StringComparer.Ordinal));
        return Print(replay.Finish(), history.Silences(since), history.Acks(since), options, a, since, stdout);
    }

    private static int FromFile(ReportArgs a, string input, TextWriter stdout, TextWriter stderr)
    {
        List<NoiseEpisode> episodes;
        try
        {
            episodes = EpisodesJsonl.Read(input);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            stderr.WriteLine($"noise: {input}: {ex.Message}");
            return ex is InvalidDataException ? BacktestCommand.ExitData : CommandLine.ExitUsage;
        }

        var since = episodes.Count == 0 ? DateTimeOffset.UnixEpoch : episodes.Min(e => e.Start);
        return Print(episodes, [], [], new NoiseOptions(a.SelfResolve), a, since, stdout);
    }

    private static int Print(IReadOnlyList<NoiseEpisode> episodes, IReadOnlyList<Silence> mutes, IReadOnlyList<Acknowledgement> acks, NoiseOptions options, ReportArgs a, DateTimeOffset since, TextWriter stdout)
    {
        var report = NoiseReport.Build(episodes, mutes, acks, options);
        stdout.Write(NoiseReportText.Format(report, options, a.Text));
        stdout.WriteLine(a.Text.Format("report.noise.summary", episodes.Count, report.Count, $"{since:yyyy-MM-dd HH:mm}"));
        return 0;
    }
}
