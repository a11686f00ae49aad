using System.Globalization;
using System.Text;

namespace ChatOpsWatch.Worker.Cli;

/// <summary>The markdown of <c>evaluate</c>: per split, the detectors side by side, then the engine's misses and false episodes.</summary>
internal static class AlertQualityReport
{
    public static string Render(IReadOnlyList<SplitResult> splits, string arguments)
    {
        var text = new StringBuilder();
        text.AppendLine("# Alert quality on the labelled corpus").AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"`chatopswatch evaluate {arguments}` over the corpus of `bench/Corpus` (regenerate it with");
        text.AppendLine("`dotnet run -c Release --project bench/Corpus`; how each incident is made: bench/Corpus/README.md). Every episode of");
        text.AppendLine("any severity counts, info included. Lead = minutes from the first detection to the harm (onset of a sudden");
        text.AppendLine("fault, exhaustion of a slow one); positive is early. The windowed score is defined in");
        text.AppendLine("`src/ChatOpsWatch.Domain/Engine/Quality/QualityScorer.cs` and docs/alert-tiers.md (0 = no detections, 100 = perfect).");
        foreach (var split in splits)
        {
            text.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"## Split `{split.Split}`: {split.Series} series, {split.Samples:N0} samples, {split.Detectors[0].Result.Windows} labelled incidents").AppendLine();
            text.AppendLine("| Detector | Episodes | False episodes per week per series | Recall | Median lead (min) | Windowed score |");
            text.AppendLine("|---|---:|---:|---:|---:|---:|");
            foreach (var (name, r, _) in split.Detectors)
            {
                var lead = r.MedianLeadMinutes is { } m ? m.ToString("0", CultureInfo.InvariantCulture) : "–";
                text.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {r.Episodes} | {r.FalsePerWeekPerSeries:0.00} | {r.Recall:0.00} ({r.Detected}/{r.Windows}) | {lead} | {r.WindowedScore:0} |");
            }

            var engine = split.Detectors[^1].Result; // the live defaults: what the monitor runs
            text.AppendLine().AppendLine("Live defaults (what the monitor runs) by incident kind:").AppendLine();
            text.AppendLine("| Kind | Incidents | Detected | Median lead (min) |").AppendLine("|---|---:|---:|---:|");
            foreach (var kind in engine.Outcomes.GroupBy(o => o.Window.Kind).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                var leads = kind.Where(o => o.LeadMinutes is not null).Select(o => o.LeadMinutes!.Value).Order().ToArray();
                var lead = leads.Length == 0 ? "–" : Domain.Engine.Robust.SortedQuantile(leads, 0.5).ToString("0", CultureInfo.InvariantCulture);
                text.AppendLine(CultureInfo.InvariantCulture, $"| {kind.Key} | {kind.Count()} | {leads.Length} | {lead} |");
            }

            var noisy = engine.FalseBySeries.OrderByDescending(p => p.Value).Select(p => $"{p.Key} {p.Value}");
            text.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"Live defaults' false episodes by series: {(engine.FalseEpisodes == 0 ? "none" : string.Join(", ", noisy))}.");
        }

        return text.ToString();
    }
}
