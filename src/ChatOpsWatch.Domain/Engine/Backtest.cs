using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Domain.Text;

namespace ChatOpsWatch.Domain.Engine;

/// <summary>
/// A rule of the engine: an id, its timing, a factory for its per-series signal source, and its tier. A
/// <see cref="RuleTier.Info"/> rule runs the same lifecycle, but its episodes are findings below warning: they
/// never page (see docs/alert-tiers.md).
/// </summary>
public sealed record EngineRule(string Id, RuleTiming Timing, Func<ISignalSource> NewSource, RuleTier Tier = RuleTier.Page);

/// <summary>One firing span of a rule: from entering Firing to leaving it (null End = still firing). Info is set
/// when the rule is of the info tier: the episode is a finding, shown and digested, never paged.</summary>
public sealed record AlertEpisode(DateTimeOffset Start, DateTimeOffset? End, Severity Severity, string Rule, string Reason, bool Info = false)
{
    /// <summary>"info", "warning" or "critical", as the backtest's JSON lines carry it.</summary>
    public string SeverityName => Info ? "info" : Severity == Severity.Critical ? "critical" : "warning";
}

/// <summary>
/// Replays one series through the same sources and <see cref="RuleMachine"/> as live. Strictly causal: each
/// sample is judged before it is learned, and nothing looks ahead. When <paramref name="interval"/> is given,
/// a gap longer than 1.5 intervals is replayed as missing evaluations, exactly as live polls would have
/// seen it (Unknown, then no-data), so a gap never resolves an alert.
/// </summary>
public sealed class Backtest(IReadOnlyList<EngineRule> rules, TimeSpan? interval = null)
{
    private const int MaxGapSteps = 100_000;
    private readonly Track[] _tracks = [.. rules.Select(r => new Track(r, r.NewSource()))];
    private DateTimeOffset? _last;

    /// <summary>Notices seen so far per kind, for the summary (no-data and flapping notices are not episodes).</summary>
    public Dictionary<RuleNotice, long> Notices { get; } = [];

    /// <summary>Feeds one sample; episodes that ended are added to <paramref name="closed"/>.</summary>
    public void Observe(DateTimeOffset at, double? value, ICollection<AlertEpisode> closed)
    {
        ArgumentNullException.ThrowIfNull(closed);
        if (_last is { } last && at < last)
        {
            throw new ArgumentException($"samples must come in time order: {at:O} follows {last:O}", nameof(at));
        }

        if (interval is { } step && _last is { } prev && at - prev > step * 1.5)
        {
            // A gap of months at a 10 s interval would be millions of identical missing steps; after
            // MaxGapSteps the machines are long Unknown with their no-data notice sent, so the rest is skipped.
            var t = prev + step;
            for (var n = 0; t < at && n < MaxGapSteps; t += step, n++)
            {
                StepAll(t, null, closed);
            }
        }

        _last = at;
        StepAll(at, value, closed);
    }

    /// <summary>Episodes still firing at the end of the input.</summary>
    public IEnumerable<AlertEpisode> Open() =>
        _tracks.Where(t => t.Episode is not null).Select(t => t.Episode!);

    private void StepAll(DateTimeOffset at, double? value, ICollection<AlertEpisode> closed)
    {
        foreach (var track in _tracks)
        {
            var signal = track.Source.Classify(value, at, track.State.Severity);
            (track.State, var notice) = RuleMachine.Step(track.Rule.Timing, track.State, signal, at);
            if (notice != RuleNotice.None)
            {
                Notices[notice] = Notices.GetValueOrDefault(notice) + 1;
            }

            Record(track, at, closed);
        }
    }

    private static void Record(Track track, DateTimeOffset at, ICollection<AlertEpisode> closed)
    {
        var firing = track.State.Phase == RulePhase.Firing
            || (track.State.Phase == RulePhase.Unknown && track.State.PhaseBeforeUnknown == RulePhase.Firing);
        if (firing && track.Episode is null)
        {
            track.Episode = new AlertEpisode(at, null, track.State.Severity, track.Rule.Id, track.Source.Describe(TextCatalog.English), track.Rule.Tier == RuleTier.Info);
        }
        else if (firing && track.State.Severity > track.Episode!.Severity)
        {
            track.Episode = track.Episode with { Severity = track.State.Severity };
        }
        else if (!firing && track.Episode is { } open)
        {
            closed.Add(open with { End = at });
            track.Episode = null;
        }
    }

    private sealed class Track(EngineRule rule, ISignalSource source)
    {
        public EngineRule Rule { get; } = rule;

        public ISignalSource Source { get; } = source;

        public RuleState State { get; set; }

        public AlertEpisode? Episode { get; set; }
    }
}
