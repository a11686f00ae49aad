using ChatOpsWatch.Domain.Indicators;

namespace ChatOpsWatch.Domain.Engine.Io;

/// <summary>
/// Settings of the disk I/O early warning.
/// </summary>
/// <param name="Floor">In the metric's own unit (requests in flight for the queue, ms for await): below it
/// nothing warns, however steep the climb.</param>
/// <param name="Window">The climb is judged over this many minutes of per-minute means.</param>
/// <param name="MinHistory">No opinion until the window holds this much history.</param>
/// <param name="MinAgreement">Share of pairwise slopes that must rise.</param>
/// <param name="Tolerance">Spreads above the learned high for this hour that count as unusual.</param>
public sealed record IoTrendOptions(
    double Floor,
    TimeSpan? Window = null,
    TimeSpan? MinHistory = null,
    double MinAgreement = 0.7,
    double Tolerance = 3)
{
    public TimeSpan WindowOrDefault => Window ?? TimeSpan.FromMinutes(15);

    public TimeSpan MinHistoryOrDefault => MinHistory ?? TimeSpan.FromMinutes(10);

    /// <summary>Confirmed over 2 minutes, and held 5 minutes past its last breach so a wobbling queue does not flap.</summary>
    public static RuleTiming Timing { get; } = new(TimeSpan.FromMinutes(2), KeepFiringFor: TimeSpan.FromMinutes(5));

    /// <summary>The metrics the early warning watches by default (every device's queue depth and await times): those the indicator catalogue gives a trend.</summary>
    public static bool Watches(string metric) => IndicatorCatalog.Find(metric)?.Rules.Trend is not null;

    /// <summary>
    /// Default floors, from the indicator catalogue: a queue of 1 means the device always has a request waiting;
    /// 20 ms per request is slow for an SSD and about where a busy spinning disk starts to hurt a database.
    /// </summary>
    public static IoTrendOptions For(string metric) =>
        IndicatorCatalog.Find(metric)?.Rules.Trend ?? throw new ArgumentException($"{metric} has no I/O early warning", nameof(metric));
}
