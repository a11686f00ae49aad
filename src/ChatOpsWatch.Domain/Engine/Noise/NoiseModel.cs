using ChatOpsWatch.Domain.Alerts;

namespace ChatOpsWatch.Domain.Engine.Noise;

/// <summary>
/// One alert episode as the noise report sees it, whatever its source: a causal replay of stored samples, a
/// backtest's JSON lines, or (later) the incidents table. <see cref="Peak"/> is the worst value seen while it
/// fired (null when the source does not know it); <see cref="Tags"/> are the node's labels, for silence matching.
/// </summary>
public sealed record NoiseEpisode(
    string Node,
    string Rule,
    string Series,
    DateTimeOffset Start,
    DateTimeOffset? End,
    Severity Severity,
    double? Peak = null,
    IReadOnlyDictionary<string, string>? Tags = null)
{
    public TimeSpan? Length => End - Start;
}

/// <summary>Settings of the noise report.</summary>
/// <param name="SelfResolveWithin">An episode that ended this soon, unacknowledged, resolved by itself.</param>
/// <param name="FlapGap">An episode that starts this soon after the previous one of the same series and rule ended is flapping.</param>
/// <param name="WarningLevels">Static warning levels by rule id: only these rules get a "raise warning to" suggestion.</param>
/// <param name="MinEpisodes">Fewer episodes than this: too few to judge.</param>
public sealed record NoiseOptions(
    TimeSpan SelfResolveWithin,
    TimeSpan? FlapGap = null,
    IReadOnlyDictionary<string, double>? WarningLevels = null,
    int MinEpisodes = 3)
{
    public TimeSpan FlapGapOrDefault => FlapGap ?? TimeSpan.FromMinutes(30);
}

public enum SuggestionKind
{
    /// <summary>Its episodes last: nothing to change.</summary>
    Keep = 0,
    TooFewEpisodes,
    RaiseWarning,
    WaitFor,
    KeepFiringFor,
    ReviewMuted,
}

/// <summary>A change to the rule: <see cref="Level"/> for <see cref="SuggestionKind.RaiseWarning"/>, <see cref="Duration"/> for the timing ones.</summary>
public sealed record NoiseSuggestion(SuggestionKind Kind, double? Level = null, TimeSpan? Duration = null);

/// <summary>What the history says about one rule.</summary>
public sealed record RuleNoise(
    string Rule,
    int Episodes,
    int SelfResolved,
    int Flapping,
    int MutedBeforeAck,
    TimeSpan MedianLength,
    IReadOnlyList<NoiseSuggestion> Suggestions)
{
    public double SelfResolvedShare => Episodes == 0 ? 0 : (double)SelfResolved / Episodes;
}
