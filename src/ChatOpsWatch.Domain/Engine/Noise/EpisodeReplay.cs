using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Domain.Engine.Live;
using ChatOpsWatch.Domain.Nodes;
using ChatOpsWatch.Domain.Samples;

namespace ChatOpsWatch.Domain.Engine.Noise;

/// <summary>
/// Alert episodes of stored samples, replayed causally through the live rules of each series (<see cref="LiveRule.For"/>)
/// with the backtest's code (<see cref="Backtest"/>): what the engine would have raised with today's configuration.
/// Samples must come by node, then time. Episodes that start before <paramref name="reportFrom"/> only warm the
/// baselines up and are left out. Peaks are tracked for the rules built from a threshold rule, whose level a
/// suggestion may raise.
/// </summary>
public sealed class EpisodeReplay(MonitorSettings settings, EngineOptions options, IReadOnlyDictionary<string, NodeInfo> nodes, DateTimeOffset reportFrom)
{
    private readonly Dictionary<string, SeriesReplay> _series = new(StringComparer.Ordinal);
    private readonly List<NoiseEpisode> _episodes = [];
    private readonly List<AlertEpisode> _closed = [];
    private string? _node;

    public void Observe(Sample sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        if (sample.Node != _node)
        {
            Flush();
            _node = sample.Node;
        }

        foreach (var (key, value) in sample.Values)
        {
            if (!_series.TryGetValue(key, out var replay))
            {
                _series[key] = replay = new SeriesReplay(LiveRule.For(key, settings, options), nodes.GetValueOrDefault(sample.Node)?.Interval);
            }

            replay.Observe(sample.At, value, _closed);
            foreach (var e in _closed)
            {
                Add(key, e, replay.TakePeak(e));
            }

            _closed.Clear();
        }
    }

    /// <summary>Every episode seen, those still firing at the end of the samples included (End null).</summary>
    public IReadOnlyList<NoiseEpisode> Finish()
    {
        Flush();
        return _episodes;
    }

    private void Flush()
    {
        foreach (var (key, replay) in _series)
        {
            foreach (var e in replay.Open())
            {
                Add(key, e, replay.TakePeak(e));
            }
        }

        _series.Clear();
    }

    private void Add(string series, AlertEpisode e, double? peak)
    {
        // Info findings never page: the noise report and the daily report judge what reaches people.
        if (e.Start >= reportFrom && !e.Info && _node is { } node)
        {
            var tags = nodes.TryGetValue(node, out var info)
                ? new Dictionary<string, string> { ["provider"] = info.Provider, ["region"] = info.Region, ["role"] = info.Role.ToString().ToLowerInvariant() }
                : null;
            _episodes.Add(new NoiseEpisode(node, e.Rule, series, e.Start, e.End, e.Severity, peak, tags));
        }
    }

    private sealed class SeriesReplay(IReadOnlyList<LiveRule> rules, TimeSpan? interval)
    {
        private readonly Backtest _backtest = new([.. rules.Select(r => new EngineRule(r.Id, r.Timing, r.NewSource, r.Tier))], interval);
        private readonly HashSet<string> _peaked = [.. rules.Where(r => r.IsThreshold).Select(r => r.Id)];
        private readonly Dictionary<string, double> _peaks = new(StringComparer.Ordinal);

        public IEnumerable<AlertEpisode> Open() => _backtest.Open();

        public void Observe(DateTimeOffset at, double value, List<AlertEpisode> closed)
        {
            _backtest.Observe(at, value, closed);
            if (_peaked.Count == 0)
            {
                return;
            }

            foreach (var e in closed.Where(e => _peaked.Contains(e.Rule)))
            {
                // The sample that ended it is not part of it.
                _peaks.TryAdd(e.Rule, double.NegativeInfinity);
            }

            foreach (var e in _backtest.Open().Where(e => _peaked.Contains(e.Rule)))
            {
                _peaks[e.Rule] = Math.Max(_peaks.GetValueOrDefault(e.Rule, double.NegativeInfinity), value);
            }
        }

        public double? TakePeak(AlertEpisode e)
        {
            if (!_peaks.Remove(e.Rule, out var peak))
            {
                return null;
            }

            return double.IsNegativeInfinity(peak) ? null : peak;
        }
    }
}
