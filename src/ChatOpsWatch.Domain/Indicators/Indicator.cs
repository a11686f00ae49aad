using ChatOpsWatch.Domain.Text;

namespace ChatOpsWatch.Domain.Indicators;

/// <summary>
/// One indicator, declared once in <see cref="IndicatorCatalog"/>: its series name, unit (as docs/indicators.md
/// writes it), kind, labels, default rules, display, and title in each language (catalogue key
/// <see cref="TitleKey"/>). <see cref="Probe"/> is set when a probe section of its own carries it.
/// </summary>
public sealed record Indicator(string Name, string Unit, IndicatorKind Kind, string[] Labels, IndicatorRules Rules, IndicatorDisplay Display, TextEntry Title)
{
    public ProbeGauge? Probe { get; init; }

    public string TitleKey => "indicator." + Name;

    /// <summary>Deviations are judged on a log scale: rates, latencies and byte amounts have multiplicative, heavy-tailed noise.</summary>
    public bool LogScale => Kind is IndicatorKind.Rate or IndicatorKind.Latency || Unit == IndicatorCatalog.Bytes;
}
