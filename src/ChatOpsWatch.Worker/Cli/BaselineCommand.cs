using System.Diagnostics;
using ChatOpsWatch.Domain.Engine.Reports;
using ChatOpsWatch.Domain.Samples;
using ChatOpsWatch.Domain.Ports;
using ChatOpsWatch.Worker.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsWatch.Worker.Cli;

/// <summary>
/// <c>baseline [--config FILE] [--node NAME] [--metric NAME] [--days 7] [--lang en|zh-CN]</c>: learns the hour-of-day
/// baselines of the stored samples with the live engine's own code, and prints them next to the static levels of
/// the configuration, so an operator can adopt them. Reads the database only; progress goes to stderr.
/// </summary>
internal static class BaselineCommand
{
    public const string Usage = "usage: chatopswatch baseline [--config FILE] [--node NAME] [--metric NAME] [--days 7] [--lang en|zh-CN]";

    private static readonly HashSet<string> Options = ["--config", "--node", "--metric", "--days", "--lang"];

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, TimeProvider time) =>
        ReportVerb.Run("baseline", Usage, args, Options, stderr, _ => null, (a, config) => Learn(a, config, stdout, stderr, time));

    private static int Learn(ReportArgs a, Configuration.WatchConfig config, TextWriter stdout, TextWriter stderr, TimeProvider time)
    {
        using var stores = StorageComposition.ForVerb(config, time);
        var history = stores.GetRequiredService<IHistoryReader>();
        var nodes = history.Nodes();
        if (a.Node is { } wantedNode && nodes.All(n => n.Name != wantedNode))
        {
            stderr.WriteLine($"baseline: unknown node '{wantedNode}' in {history.Location} (known: {Known(nodes.Select(n => n.Name))})");
            return BacktestCommand.ExitData;
        }

        var now = time.GetUtcNow();
        var since = now.AddDays(-a.Days);
        var total = history.CountSamples(a.Node, since);
        if (total == 0)
        {
            stderr.WriteLine($"baseline: no samples{(a.Node is null ? "" : $" of '{a.Node}'")} since {since:yyyy-MM-dd HH:mm} UTC in {history.Location}");
            return BacktestCommand.ExitData;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        bool Wanted(string key)
        {
            if (a.Metric is null)
            {
                return true;
            }

            var metric = MetricKey.NameOf(key);
            seen.Add(metric);
            return metric == a.Metric;
        }

        var learner = new BaselineLearner(config.Monitor, config.Engine, Wanted, a.Metric is null ? new HashSet<string>() : [a.Metric]);
        var progress = new Progress("baseline", total, stderr);
        var read = history.Replay(a.Node, since, s => { learner.Learn(s); progress.Tick(); }, CancellationToken.None);
        progress.Done();
        if (a.Metric is { } m && !seen.Contains(m))
        {
            stderr.WriteLine($"baseline: unknown metric '{m}': no stored sample has it (metrics seen: {Known(seen)})");
            return BacktestCommand.ExitData;
        }

        var report = learner.Report(now);
        if (report.Count == 0)
        {
            stderr.WriteLine("baseline: no series with a learned rule in these samples; name one with --metric to learn it anyway");
            return BacktestCommand.ExitData;
        }

        stdout.Write(BaselineReportText.Format(report, a.Text, detailed: a.Node is not null && a.Metric is not null));
        stdout.WriteLine(a.Text.Format("report.baseline.summary", report.Count, report.Select(r => r.Node).Distinct().Count(), read, $"{since:yyyy-MM-dd HH:mm}"));
        return 0;
    }

    private static string Known(IEnumerable<string> names)
    {
        var list = names.Order(StringComparer.Ordinal).ToList();
        return list.Count == 0 ? "none" : string.Join(", ", list.Take(20)) + (list.Count > 20 ? $", … ({list.Count})" : "");
    }
}

/// <summary>Rows read of a known total, to stderr about once a second or every 10 %, whichever comes first.</summary>
internal sealed class Progress(string verb, long total, TextWriter stderr)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private long _rows;
    private long _printed = -1;
    private long _nextRows = Math.Max(1, total / 10);
    private TimeSpan _nextTime = TimeSpan.FromSeconds(1);

    public void Tick()
    {
        _rows++;
        if (_rows >= _nextRows || ((_rows & 255) == 0 && _clock.Elapsed >= _nextTime))
        {
            Print();
        }
    }

    public void Done()
    {
        if (_rows != _printed)
        {
            Print();
        }
    }

    private void Print()
    {
        stderr.WriteLine($"{verb}: {_rows:N0} of {total:N0} rows read ({100.0 * _rows / Math.Max(1, total):0} %)");
        _printed = _rows;
        _nextRows = _rows + Math.Max(1, total / 10);
        _nextTime = _clock.Elapsed + TimeSpan.FromSeconds(1);
    }
}
