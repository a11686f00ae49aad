using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Domain.Nodes;
using ChatOpsWatch.Domain.Ports;
using ChatOpsWatch.Domain.Samples;

namespace ChatOpsWatch.Domain.Tests.Status;

/// <summary>Test data for /status: nodes with a sample taken some seconds before <see cref="Now"/>.</summary>
internal static class SomeFleet
{
    public static readonly DateTimeOffset Now = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public static NodeStatus Healthy(string name, int ageSeconds = 20) =>
        new(Node(name), Sample(name, ageSeconds), []);

    public static NodeStatus NoData(string name) => new(Node(name), null, []);

    public static NodeStatus Firing(string name, Severity severity, string ruleId = "cpu", string series = MetricNames.CpuBusyPct, double value = 97) =>
        new(Node(name), Sample(name, 20), [Alert(name, severity, ruleId, series, value)]);

    public static AlertState Alert(string node, Severity severity, string ruleId, string series, double value) =>
        AlertState.Initial(node, ruleId, series, Now) with { Severity = severity, FiringSince = Now.AddMinutes(-5), LastValue = value };

    public static NodeInfo Node(string name) => new(name, "hetzner", "fsn1", NodeRole.Core, NodeInfo.CoreInterval);

    public static Sample Sample(string name, int ageSeconds) => new(name, Now.AddSeconds(-ageSeconds), new Dictionary<string, double>
    {
        [MetricNames.CpuBusyPct] = 12.4,
        [MetricNames.MemUsedPct] = 40.6,
        [MetricNames.DiskUsed(DiskKind.System, "/")] = 30,
        [MetricNames.DiskUsed(DiskKind.Data, "/data")] = 71.2,
        [MetricNames.Load1] = 0.523,
    });
}
