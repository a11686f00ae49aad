using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Infrastructure.Telemetry;
using ChatOpsWatch.Worker.Polling;

namespace ChatOpsWatch.Worker.SelfWatch;

/// <summary>Turns a finished poll into the poll and alert instruments of <see cref="SelfMetrics"/>.</summary>
internal static class PollTelemetry
{
    public static void Record(PollReport? report, TimeSpan duration, TimeSpan lateness)
    {
        if (report is null)
        {
            return;
        }

        var role = report.Node.Role.ToString().ToLowerInvariant();
        SelfMetrics.PollDuration.WithLabels(role).Observe(duration.TotalSeconds);
        SelfMetrics.PollLateness.WithLabels(role).Observe(Math.Max(0, lateness.TotalSeconds));
        SelfMetrics.Polls.WithLabels(report.OutcomeClass).Inc();
        foreach (var t in report.Decision.Transitions.Where(t => t.Reason != NotifyReason.None))
        {
            SelfMetrics.AlertTransitions.WithLabels(t.Next.RuleId, t.Next.Severity.ToString().ToLowerInvariant()).Inc();
        }
    }

    /// <summary>A poll that threw (its commit failed): counted as outcome "error".</summary>
    public static void Failed() => SelfMetrics.Polls.WithLabels("error").Inc();
}
