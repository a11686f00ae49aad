using System.Globalization;
using System.Text;
using ChatOpsWatch.Domain.Text;
using ChatOpsWatch.Domain.Time;

namespace ChatOpsWatch.Domain.Engine.Noise;

/// <summary>The noise report as text: one block per rule, its figures, then its suggestions.</summary>
public static class NoiseReportText
{
    public static string Format(IReadOnlyList<RuleNoise> rules, NoiseOptions options, TextCatalog text)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(text);
        if (rules.Count == 0)
        {
            return text["report.noise.none"] + "\n";
        }

        var sb = new StringBuilder();
        foreach (var r in rules)
        {
            sb.AppendLine(text.Format(
                "report.noise.head",
                r.Rule,
                r.Episodes,
                r.SelfResolved,
                DurationText.Format(options.SelfResolveWithin),
                100 * r.SelfResolvedShare,
                r.Flapping,
                r.MutedBeforeAck,
                DurationText.Format(TimeSpan.FromMinutes(Math.Max(1, Math.Round(r.MedianLength.TotalMinutes))))));
            foreach (var s in r.Suggestions)
            {
                sb.AppendLine(s.Kind switch
                {
                    SuggestionKind.RaiseWarning => text.Format("report.noise.raise", s.Level!.Value.ToString("0.##", CultureInfo.InvariantCulture)),
                    SuggestionKind.WaitFor => text.Format("report.noise.for", DurationText.Format(s.Duration!.Value)),
                    SuggestionKind.KeepFiringFor => text.Format("report.noise.keep_firing", DurationText.Format(s.Duration!.Value)),
                    SuggestionKind.ReviewMuted => text["report.noise.muted"],
                    SuggestionKind.TooFewEpisodes => text["report.noise.few"],
                    _ => text["report.noise.keep"],
                });
            }
        }

        return sb.ToString();
    }
}
