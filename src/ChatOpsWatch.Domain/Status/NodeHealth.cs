using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Domain.Ports;

namespace ChatOpsWatch.Domain.Status;

/// <summary>A node's overall state in /status, declared worst first so that sorting by it puts trouble on top.</summary>
public enum NodeHealth
{
    Critical,
    Warning,

    /// <summary>No sample yet, or the newest one is stale: we do not know how the node is.</summary>
    NoData,
    Ok,
}

public static class NodeHealthRules
{
    /// <summary>A node whose newest sample is older than this many poll intervals is shown as stale.</summary>
    public const int StaleAfterIntervals = 3;

    /// <summary>Firing alerts decide first; without them, missing or stale data beats "ok".</summary>
    public static NodeHealth Classify(NodeStatus status, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(status);
        var worst = status.Firing.Count == 0 ? Severity.None : status.Firing.Max(a => a.Severity);
        return worst switch
        {
            Severity.Critical => NodeHealth.Critical,
            Severity.Warning => NodeHealth.Warning,
            _ when status.Latest is null || IsStale(status, now) => NodeHealth.NoData,
            _ => NodeHealth.Ok,
        };
    }

    public static bool IsStale(NodeStatus status, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(status);
        return status.Latest is { } latest && now - latest.At > status.Node.Interval * StaleAfterIntervals;
    }
}
