using System.Globalization;
using System.Text;
using ChatOpsWatch.Domain.Engine.Live;
using ChatOpsWatch.Domain.Text;

namespace ChatOpsWatch.Domain.Engine.Reports;

/// <summary>
/// Prints learned baselines next to the static levels, per node and series: the typical median, the range of
/// learned warning levels over the day, and the hours with the highest learned level (a nightly backup shows
/// up there). With <c>detailed</c>, every hour of the day gets a row.
/// </summary>
public static class BaselineReportText
{
    private const int PeakHours = 3;

    public static string Format(IReadOnlyList<SeriesBaseline> series, TextCatalog text, bool detailed)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(text);
        var sb = new StringBuilder();
        foreach (var s in series)
        {
            Series(sb, s, text, detailed);
            sb.AppendLine();
        }

        return sb.ToString();
    }

    private static void Series(StringBuilder sb, SeriesBaseline s, TextCatalog text, bool detailed)
    {
        var learned = s.Hours.Where(h => h.Warning is not null).ToList();
        sb.AppendLine(text.Format("report.baseline.head", s.Node, s.Series, s.RuleId, s.Hours.Max(h => h.Band.Days)));
        if (!s.LiveRule)
        {
            sb.AppendLine(text["report.baseline.not_live"]);
        }

        sb.AppendLine(s.Static switch
        {
            null => text["report.baseline.static_none"],
            var r when LiveRule.SwitchedOff(r) => text.Format("report.baseline.static_off", r.Id),
            var r => text.Format("report.baseline.static", N(r.Warning), N(r.Critical), r.Id),
        });
        if (learned.Count == 0)
        {
            sb.AppendLine(text.Format("report.baseline.not_enough", s.Hours.Max(h => h.Band.Days), HourlyBaseline.MinDays));
            return;
        }

        var median = Robust.Median(learned.Select(h => h.Band.Median).ToArray());
        var critical = learned.Where(h => h.Critical is not null).Select(h => h.Critical!.Value).DefaultIfEmpty(double.NaN).Min();
        sb.AppendLine(text.Format(
            "report.baseline.learned",
            N(median),
            N(learned.Min(h => h.Warning!.Value)),
            N(learned.Max(h => h.Warning!.Value)),
            double.IsNaN(critical) ? "" : text.Format("report.baseline.critical_from", N(critical))));
        if (s.Options.Floor is { } floor)
        {
            sb.AppendLine(text.Format("report.baseline.floor", N(floor)));
        }

        var peaks = learned.OrderByDescending(h => h.Band.Upper(s.Options.Tolerance)).ThenBy(h => h.Hour).Take(PeakHours)
            .Select(h => $"{h.Hour:00}:00 {N(h.Band.Upper(s.Options.Tolerance))}");
        sb.AppendLine(text.Format("report.baseline.peaks", text.List(peaks)));
        if (detailed)
        {
            sb.AppendLine(text["report.baseline.table"]);
            foreach (var h in s.Hours)
            {
                sb.AppendLine(CultureInfo.InvariantCulture, $"  {h.Hour:00}:00 {h.Band.Days,5} {N(h.Band.Median),7} {N(h.Band.High),5} {N(h.Warning),12} {N(h.Critical),14}");
            }
        }
    }

    private static string N(double? v) => v is { } x && !double.IsNaN(x) ? x.ToString("0.##", CultureInfo.InvariantCulture) : "—";
}
