using ChatOpsWatch.Domain.Engine.Policy;

namespace ChatOpsWatch.Domain.Engine.Noise;

/// <summary>
/// Per rule, how noisy its alerts were: the share that resolved by themselves within N minutes (nobody acknowledged
/// them before they ended), the episodes that re-fired soon after the previous one ended (flapping), the ones muted
/// by a silence created while they fired and before anyone acknowledged them, and a suggestion. Pure: the episodes
/// may come from any source.
/// Suggestions: mostly short episodes → raise the static warning above their peaks when the lasting episodes peak
/// higher (they would still alert), else wait <c>for</c> as long as 80 % of the short ones lasted; much flapping →
/// <c>keep_firing_for</c> the typical gap; often muted → check that it is actionable.
/// </summary>
public static class NoiseReport
{
    private const double NoisyShare = 0.5;
    private const double FlappingShare = 0.3;
    private const double MutedShare = 0.3;

    public static IReadOnlyList<RuleNoise> Build(IReadOnlyList<NoiseEpisode> episodes, IReadOnlyList<Silence> mutes, IReadOnlyList<Acknowledgement> acks, NoiseOptions options)
    {
        ArgumentNullException.ThrowIfNull(episodes);
        ArgumentNullException.ThrowIfNull(mutes);
        ArgumentNullException.ThrowIfNull(acks);
        ArgumentNullException.ThrowIfNull(options);
        var gaps = FlapGaps(episodes, options.FlapGapOrDefault);
        return [.. episodes
            .GroupBy(e => e.Rule, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => ForRule(g.Key, [.. g], gaps, mutes, acks, options))];
    }

    private static RuleNoise ForRule(string rule, List<NoiseEpisode> episodes, Dictionary<NoiseEpisode, TimeSpan> gaps, IReadOnlyList<Silence> mutes, IReadOnlyList<Acknowledgement> acks, NoiseOptions options)
    {
        var selfResolved = episodes.Where(e => SelfResolved(e, acks, options.SelfResolveWithin)).ToList();
        var lasting = episodes.Except(selfResolved).ToList();
        var flapping = episodes.Where(gaps.ContainsKey).ToList();
        var muted = episodes.Count(e => MutedBeforeAck(e, mutes, acks));
        var lengths = episodes.Select(e => (e.Length ?? TimeSpan.Zero).TotalMinutes).ToArray();
        var median = TimeSpan.FromMinutes(Robust.Median(lengths));

        var suggestions = new List<NoiseSuggestion>();
        if (episodes.Count < options.MinEpisodes)
        {
            suggestions.Add(new NoiseSuggestion(SuggestionKind.TooFewEpisodes));
        }
        else
        {
            if ((double)selfResolved.Count / episodes.Count >= NoisyShare)
            {
                suggestions.Add(RaiseOrWait(rule, selfResolved, lasting, options));
            }

            if ((double)flapping.Count / episodes.Count >= FlappingShare)
            {
                suggestions.Add(new NoiseSuggestion(SuggestionKind.KeepFiringFor, Duration: CeilMinutes(Quantile(flapping.Select(e => gaps[e].TotalMinutes), 0.8))));
            }

            if ((double)muted / episodes.Count >= MutedShare)
            {
                suggestions.Add(new NoiseSuggestion(SuggestionKind.ReviewMuted));
            }

            if (suggestions.Count == 0)
            {
                suggestions.Add(new NoiseSuggestion(SuggestionKind.Keep));
            }
        }

        return new RuleNoise(rule, episodes.Count, selfResolved.Count, flapping.Count, muted, median, suggestions);
    }

    private static NoiseSuggestion RaiseOrWait(string rule, List<NoiseEpisode> shortOnes, List<NoiseEpisode> lasting, NoiseOptions options)
    {
        var peaks = shortOnes.Where(e => e.Peak is not null).Select(e => e.Peak!.Value).ToList();
        if (options.WarningLevels?.TryGetValue(rule, out var level) == true && peaks.Count == shortOnes.Count)
        {
            // Above 90 % of the short peaks, and still below every lasting episode's peak so none of those is lost.
            var raised = Math.Floor(Quantile(peaks, 0.9)) + 1;
            var lowestLasting = lasting.Select(e => e.Peak ?? double.PositiveInfinity).DefaultIfEmpty(double.PositiveInfinity).Min();
            if (raised > level && raised < lowestLasting)
            {
                return new NoiseSuggestion(SuggestionKind.RaiseWarning, Level: raised);
            }
        }

        return new NoiseSuggestion(SuggestionKind.WaitFor, Duration: CeilMinutes(Quantile(shortOnes.Select(e => (e.Length ?? TimeSpan.Zero).TotalMinutes), 0.8)));
    }

    /// <summary>Episodes that began within <paramref name="within"/> of the previous one of the same node, series and rule ending, with that gap.</summary>
    private static Dictionary<NoiseEpisode, TimeSpan> FlapGaps(IReadOnlyList<NoiseEpisode> episodes, TimeSpan within)
    {
        var gaps = new Dictionary<NoiseEpisode, TimeSpan>(ReferenceEqualityComparer.Instance);
        foreach (var series in episodes.GroupBy(e => (e.Node, e.Series, e.Rule)))
        {
            NoiseEpisode? previous = null;
            foreach (var e in series.OrderBy(e => e.Start))
            {
                if (previous?.End is { } end && e.Start - end <= within)
                {
                    gaps[e] = e.Start - end;
                }

                previous = e;
            }
        }

        return gaps;
    }

    /// <summary>Ended within <paramref name="within"/> and nobody acknowledged it before it ended.</summary>
    private static bool SelfResolved(NoiseEpisode e, IReadOnlyList<Acknowledgement> acks, TimeSpan within) =>
        e.End is { } end && end - e.Start <= within && !(AckOf(e, acks) is { } ack && ack.At <= end);

    private static Acknowledgement? AckOf(NoiseEpisode e, IReadOnlyList<Acknowledgement> acks) =>
        acks.Where(a => a.Node == e.Node && a.Rule == e.Rule && a.FiringSince >= e.Start.AddMinutes(-1) && a.FiringSince <= (e.End ?? DateTimeOffset.MaxValue))
            .OrderBy(a => a.At)
            .FirstOrDefault();

    /// <summary>A silence matching it was created while it fired, before any acknowledgement (a silence set beforehand is planned maintenance, not noise).</summary>
    private static bool MutedBeforeAck(NoiseEpisode e, IReadOnlyList<Silence> mutes, IReadOnlyList<Acknowledgement> acks)
    {
        var labels = new AlertLabels(e.Node, e.Rule, e.Tags ?? new Dictionary<string, string>());
        var ackedAt = AckOf(e, acks)?.At ?? DateTimeOffset.MaxValue;
        return mutes.Any(s => s.Starts >= e.Start && s.Starts <= (e.End ?? DateTimeOffset.MaxValue) && s.Starts < ackedAt && Matcher.All(s.Matchers, labels));
    }

    private static double Quantile(IEnumerable<double> values, double q)
    {
        var sorted = values.Order().ToArray();
        return Robust.SortedQuantile(sorted, q);
    }

    private static TimeSpan CeilMinutes(double minutes) => TimeSpan.FromMinutes(Math.Max(1, Math.Ceiling(minutes)));
}
