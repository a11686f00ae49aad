using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Domain.Text;

namespace ChatOpsWatch.Domain.Engine;

/// <summary>
/// Turns one series' samples into <see cref="Signal"/>s for a rule. Sources that learn (baseline, forecast, rate)
/// keep their own causal state: they see samples in time order and only use samples up to <c>now</c>.
/// Classify never throws on odd values: NaN counts as missing.
/// </summary>
public interface ISignalSource
{
    /// <param name="value">The sample, or null when none arrived for this evaluation.</param>
    /// <param name="now">The evaluation time; sources must not look past it.</param>
    /// <param name="current">The alert's firing severity, so recovery thresholds (hysteresis) can apply.</param>
    Signal Classify(double? value, DateTimeOffset now, Severity current);

    /// <summary>
    /// A short human reason for the latest classification in <paramref name="texts"/>' language, e.g. "94.1 above 90
    /// (critical)". Live alerts pass the chat's catalogue; backtests and CLI reports pass <see cref="TextCatalog.English"/>.
    /// </summary>
    string Describe(TextCatalog texts);
}
