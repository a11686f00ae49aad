using System.Globalization;
using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Domain.Notifications;
using ChatOpsWatch.Domain.Samples;
using ChatOpsWatch.Domain.Text;

namespace ChatOpsWatch.Domain.Status;

/// <summary>Pieces that /status, /node and /nodes share. Pure.</summary>
public static class StatusText
{
    public static string Icon(NodeHealth h) => h switch
    {
        NodeHealth.Critical => "🔴",
        NodeHealth.Warning => "🟠",
        NodeHealth.NoData => "⚪",
        _ => "🟢",
    };

    public static string HealthName(NodeHealth h, TextCatalog text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return h switch
        {
            NodeHealth.Critical => text["status.health.critical"],
            NodeHealth.Warning => text["status.health.warning"],
            NodeHealth.NoData => text["status.health.unknown"],
            _ => text["status.health.ok"],
        };
    }

    /// <summary>Firing alerts, worst first, then by rule and series.</summary>
    public static IEnumerable<AlertState> Firing(IEnumerable<AlertState> alerts) => alerts
        .Where(a => a.IsFiring)
        .OrderByDescending(a => a.Severity)
        .ThenBy(a => a.RuleId, StringComparer.Ordinal)
        .ThenBy(a => a.Series, StringComparer.Ordinal);

    public static string AlertSummary(AlertState a, TextCatalog text)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(text);
        var icon = a.Severity == Severity.Critical ? "🔴" : "🟠";
        var what = a.RuleId switch
        {
            ReachabilityEvaluator.RuleId => text["status.alert.unreachable"],
            NodeMonitor.HostKeyRuleId => text["status.alert.host_key"],
            NodeMonitor.CryptoRuleId => text["status.alert.ssh_crypto"],
            NodeMonitor.ProbeRuleId => text["status.alert.probe"],
            _ => Html.Escape(a.RuleId)
                + (MetricKey.Label(a.Series, "mount") is { } mount ? " " + Html.Escape(mount) : string.Empty)
                + " " + Pct(a.LastValue),
        };
        return $"{icon} {what}";
    }

    /// <summary>"25 s ago", "1 h 5 min ago".</summary>
    public static string Ago(TimeSpan age, TextCatalog text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Format("status.ago", Span(age, text));
    }

    public static string Span(TimeSpan d, TextCatalog text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return d.TotalMinutes < 1 ? text.Format("unit.s", Math.Max(0, (int)d.TotalSeconds))
            : d.TotalHours < 1 ? text.Format("unit.min", (int)d.TotalMinutes)
            : d.TotalDays < 1 ? text.Format("unit.h_min", (int)d.TotalHours, d.Minutes)
            : text.Format("unit.d_h", (int)d.TotalDays, d.Hours);
    }

    public static string Pct(double? v) => v is null ? "?" : v.Value.ToString("0", CultureInfo.InvariantCulture) + " %";

    public static string Num(double? v) => v is null ? "?" : v.Value.ToString("0.##", CultureInfo.InvariantCulture);
}
