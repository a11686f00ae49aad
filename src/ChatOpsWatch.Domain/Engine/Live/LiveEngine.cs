using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Domain.Engine.Policy;
using ChatOpsWatch.Domain.Nodes;
using ChatOpsWatch.Domain.Notifications;
using ChatOpsWatch.Domain.Samples;
using ChatOpsWatch.Domain.Text;

namespace ChatOpsWatch.Domain.Engine.Live;

/// <summary>What one poll changes in the engine: every stepped rule's state (to persist), the /status
/// projections into alert_state whose severity moved, and the messages to queue.</summary>
public sealed record EngineDecision(IReadOnlyList<EngineAlert> Changed, IReadOnlyList<AlertTransition> Projections, IReadOnlyList<OutboxMessage> Messages)
{
    /// <summary>
    /// The states worth committing: every paging rule's, and an info-tier rule's only when its phase or severity moved.
    /// An info finding sends nothing (no "no data" either), so its quiet steps are not news to a restart, and every
    /// series has one: writing them all cost a poll four times the state rows. <see cref="Changed"/> still advances
    /// the engine in memory.
    /// </summary>
    public IReadOnlyList<EngineAlert> ToPersist { get; init; } = Changed;
}

/// <summary>
/// The engine's live side for one node: per (series, rule) a signal source, a <see cref="RuleState"/> and a
/// <see cref="NotifyLedger"/>. A poll that brought no value for a series (failed, garbled, host key rejected,
/// or the series vanished) steps it as missing: the alert goes Unknown and never resolves on it. "No data"
/// notices are only sent when the node answered, since an unreachable node already has its own alert.
/// Not thread-safe: a node is polled by one job at a time. <see cref="Evaluate"/> does not advance the
/// lifecycle states; <see cref="Apply"/> does, once the decision is committed.
/// </summary>
public sealed class LiveEngine
{
    private readonly Dictionary<string, Track> _tracks = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IReadOnlyList<LiveRule>> _rules = new(StringComparer.Ordinal);
    private MonitorSettings? _settings;
    private EngineOptions? _options;

    public int Series => _tracks.Count;

    /// <summary>The language of the messages <see cref="Evaluate"/> writes.</summary>
    public required TextCatalog Texts { get; init; }

    /// <summary>Recovery levels and the I/O early warning switch; set before each poll (a reload replaces it).</summary>
    public EngineOptions Options { get; set; } = EngineOptions.Default;

    /// <summary>Feeds one stored sample to the sources (warm-up replay, oldest first); no state moves, nothing is sent.</summary>
    public void Learn(Sample sample, MonitorSettings settings)
    {
        ArgumentNullException.ThrowIfNull(sample);
        foreach (var (key, value) in sample.Values)
        {
            foreach (var rule in RulesFor(key, settings))
            {
                var track = Get(key, rule);
                track.Source.Classify(value, sample.At, track.State.Severity);
            }
        }
    }

    /// <summary>Resumes the persisted lifecycles; states of rules no longer configured are ignored.</summary>
    public void Restore(IEnumerable<EngineAlert> persisted, MonitorSettings settings)
    {
        ArgumentNullException.ThrowIfNull(persisted);
        foreach (var alert in persisted)
        {
            if (RulesFor(alert.Series, settings).FirstOrDefault(r => r.Id == alert.RuleId) is { } rule)
            {
                var track = Get(alert.Series, rule);
                track.State = alert.State;
                track.Ledger = alert.Ledger;
                track.LastValue = alert.LastValue;
            }
        }
    }

    /// <summary>
    /// Upgrade path from the streak evaluator (schema v2): a threshold rule that was firing in alert_state and has
    /// no engine state yet continues as an announced firing episode, so the upgrade neither announces it again
    /// nor forgets to send its resolution. Call after <see cref="Restore"/>.
    /// </summary>
    public void Adopt(IEnumerable<AlertState> legacy, MonitorSettings settings)
    {
        ArgumentNullException.ThrowIfNull(legacy);
        foreach (var old in legacy.Where(a => a.IsFiring))
        {
            if (RulesFor(old.Series, settings).FirstOrDefault(r => r.Id == old.RuleId && r.IsThreshold) is not { } rule)
            {
                continue;
            }

            var track = Get(old.Series, rule);
            if (track.State.Evaluations > 0)
            {
                continue;
            }

            var since = old.FiringSince ?? old.UpdatedAt;
            track.State = RuleState.Initial with
            {
                Phase = RulePhase.Firing,
                Severity = old.Severity,
                FiringSince = since,
                BreachSince = since,
                CriticalSince = old.Severity == Severity.Critical ? since : null,
                LastBreach = old.UpdatedAt,
                LastSeen = old.UpdatedAt,
                LastSignal = old.Severity == Severity.Critical ? Signal.Critical : Signal.Warning,
                Evaluations = 1,
                Announced = true,
            };
            track.Ledger = new NotifyLedger(true, old.UpdatedAt, 0);
            track.LastValue = old.LastValue;
        }
    }

    /// <summary>
    /// Steps every rule of the node. <paramref name="policy"/> holds the silences and acks in force (default: none):
    /// a muted alert's state still moves and is persisted, only its message is held back.
    /// </summary>
    public EngineDecision Evaluate(NodeInfo node, PollOutcome outcome, MonitorSettings settings, IReadOnlyDictionary<string, AlertState> projections, PolicyContext? policy = null)
    {
        policy ??= PolicyContext.Empty;
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentNullException.ThrowIfNull(projections);
        var values = (outcome as PollOutcome.Succeeded)?.Sample.Values;
        var steps = new List<(Track Track, double? Value)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, value) in values ?? new Dictionary<string, double>())
        {
            foreach (var rule in RulesFor(key, settings))
            {
                var track = Get(key, rule);
                seen.Add(track.Key);
                steps.Add((track, value));
            }
        }

        foreach (var track in _tracks.Values.Where(t => !seen.Contains(t.Key) && StillConfigured(t, settings)))
        {
            steps.Add((track, null));
        }

        var labels = new Dictionary<string, string> { ["provider"] = node.Provider, ["region"] = node.Region, ["role"] = node.Role.ToString().ToLowerInvariant() };
        var changed = new List<EngineAlert>();
        var persist = new List<EngineAlert>();
        var projected = new List<AlertTransition>();
        var messages = new List<OutboxMessage>();
        var silentSeries = new HashSet<string>(StringComparer.Ordinal);
        var now = outcome.At;
        foreach (var (track, value) in steps)
        {
            // Inhibition: a node that did not answer leaves an absence rule Unknown like every other rule.
            var signal = values is null && track.Rule.IsAbsence ? Signal.Missing : track.Source.Classify(value, now, track.State.Severity);
            var (next, notice) = RuleMachine.Step(track.Rule.Timing, track.State, signal, now);
            var (reason, _, ledger) = NotificationPolicy.Decide(notice, next, new AlertLabels(node.Name, track.Rule.Id, labels), policy, track.Ledger, now);
            var alert = new EngineAlert(node.Name, track.Series, track.Rule.Id, next, ledger, value ?? track.LastValue, now);
            changed.Add(alert);
            if (track.Rule.Tier != RuleTier.Info || track.State.Evaluations == 0 || next.Phase != track.State.Phase || next.Severity != track.State.Severity || ledger != track.Ledger)
            {
                persist.Add(alert);
            }

            if (track.Rule.Tier == RuleTier.Info)
            {
                // A finding of the info tier never pages and opens no incident: no message, no /status projection.
                continue;
            }

            // One "no data" per series (its rules all miss the same samples), and none when the node did not answer.
            if (reason != SendReason.None && (reason != SendReason.NoData || (values is not null && silentSeries.Add(track.Series))))
            {
                messages.Add(EngineText.For(node, track.Rule.TitleIn(Texts), track.Series, reason, track.State, alert, track.Source.Describe(Texts), Texts, l => (track.Rule.TitleIn(l), track.Source.Describe(l))));
            }

            if (Project(node.Name, track, alert, projections) is { } t)
            {
                projected.Add(t);
            }
        }

        return new EngineDecision(changed, projected, messages) { ToPersist = persist };
    }

    /// <summary>The info-tier findings firing now (series, rule, since, reason), for a digest or /alerts to show.</summary>
    public IEnumerable<(string Series, string Rule, DateTimeOffset Since, string Reason)> Findings() =>
        _tracks.Values
            .Where(t => t.Rule.Tier == RuleTier.Info && Firing(t.State) != Severity.None)
            .Select(t => (t.Series, t.Rule.Id, t.State.FiringSince ?? t.State.LastSeen ?? default, t.Source.Describe(Texts)));

    /// <summary>Advances the lifecycles to what was committed.</summary>
    public void Apply(IEnumerable<EngineAlert> committed)
    {
        ArgumentNullException.ThrowIfNull(committed);
        foreach (var alert in committed)
        {
            if (_tracks.TryGetValue(alert.Key, out var track))
            {
                track.State = alert.State;
                track.Ledger = alert.Ledger;
                track.LastValue = alert.LastValue;
            }
        }
    }

    /// <summary>The firing severity as /status sees it: Unknown keeps the severity it froze.</summary>
    public static Severity Firing(RuleState s) =>
        s.Phase == RulePhase.Firing || (s.Phase == RulePhase.Unknown && s.PhaseBeforeUnknown == RulePhase.Firing) ? s.Severity : Severity.None;

    private static AlertTransition? Project(string node, Track track, EngineAlert alert, IReadOnlyDictionary<string, AlertState> projections)
    {
        var severity = Firing(alert.State);
        var previous = projections.TryGetValue(AlertKey.Of(track.Rule.Id, track.Series), out var p)
            ? p
            : AlertState.Initial(node, track.Rule.Id, track.Series, alert.UpdatedAt);
        if (previous.Severity == severity)
        {
            return null;
        }

        var next = previous with
        {
            Severity = severity,
            FiringSince = severity == Severity.None ? null : alert.State.FiringSince ?? alert.UpdatedAt,
            LastValue = alert.LastValue,
            UpdatedAt = alert.UpdatedAt,
        };
        return new AlertTransition(previous, next, AlertTransition.ReasonFor(previous.Severity, severity));
    }

    private bool StillConfigured(Track track, MonitorSettings settings) =>
        RulesFor(track.Series, settings).Any(r => r.Id == track.Rule.Id);

    /// <summary>Rules per metric key, cached until the settings change (a replay asks millions of times).</summary>
    private IReadOnlyList<LiveRule> RulesFor(string key, MonitorSettings settings)
    {
        if (!ReferenceEquals(settings, _settings) || !ReferenceEquals(Options, _options))
        {
            _rules.Clear();
            _settings = settings;
            _options = Options;
        }

        if (!_rules.TryGetValue(key, out var rules))
        {
            _rules[key] = rules = LiveRule.For(key, settings, Options);
        }

        return rules;
    }

    private Track Get(string series, LiveRule rule)
    {
        var key = EngineAlert.KeyOf(series, rule.Id);
        if (!_tracks.TryGetValue(key, out var track))
        {
            _tracks[key] = track = new Track(key, series, rule);
        }
        else if (!Equals(track.Rule.Definition, rule.Definition))
        {
            // Reconfigured: new levels need a new source; the lifecycle carries on.
            track.Rule = rule;
            track.Source = rule.NewSource();
        }

        return track;
    }

    private sealed class Track(string key, string series, LiveRule rule)
    {
        public string Key { get; } = key;

        public string Series { get; } = series;

        public LiveRule Rule { get; set; } = rule;

        public ISignalSource Source { get; set; } = rule.NewSource();

        public RuleState State { get; set; }

        public NotifyLedger Ledger { get; set; }

        public double? LastValue { get; set; }
    }
}
