using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Domain.Nodes;
using ChatOpsWatch.Domain.Notifications;
using ChatOpsWatch.Domain.Samples;

namespace ChatOpsWatch.Infrastructure.Tests.Storage;

/// <summary>Test data. Times are whole milliseconds, since the store keeps unix milliseconds.</summary>
internal static class Some
{
    public static readonly DateTimeOffset Now = new(2026, 3, 14, 9, 26, 53, 589, TimeSpan.Zero);

    public static NodeInfo Node(string name = "tokyo-1", NodeRole role = NodeRole.Core) =>
        new(name, "vultr", "nrt", role, NodeInfo.DefaultInterval(role));

    /// <summary>A sample shaped like a real probe's: about 20 metrics, several with labels.</summary>
    public static Sample Sample(string node, DateTimeOffset at, double load = 0.42) => new(node, at, new Dictionary<string, double>
    {
        ["cpu.busy_pct"] = 12.5,
        ["cpu.iowait_pct"] = 0.3,
        ["cpu.steal_pct"] = 1.7,
        ["load.1m"] = load,
        ["load.5m"] = 0.37,
        ["load.15m"] = 0.31,
        ["mem.available_pct"] = 63.25,
        ["mem.swap_used_pct"] = 0,
        ["disk.used_pct{kind=root,mount=/}"] = 71.4,
        ["disk.inodes_used_pct{kind=root,mount=/}"] = 8.9,
        ["disk.used_pct{kind=data,mount=/data}"] = 88.125,
        ["disk.inodes_used_pct{kind=data,mount=/data}"] = 2.1,
        ["net.rx_bps{iface=eth0}"] = 1834221,
        ["net.tx_bps{iface=eth0}"] = 992311,
        ["net.tcp_retrans_pct"] = 0.02,
        ["proc.count"] = 187,
        ["proc.zombies"] = 0,
        ["fd.used_pct"] = 1.2,
        ["time.offset_ms"] = -3.5,
        ["uptime.s"] = 8_640_123,
    });

    public static AlertState Firing(string node, string rule = "disk", string series = "disk.used_pct{kind=data,mount=/data}", Severity severity = Severity.Critical) =>
        new(node, rule, series, severity, 3, severity == Severity.Critical ? 2 : 0, Now.AddMinutes(-4), 97.5, Now);

    public static AlertTransition Move(AlertState next) =>
        new(AlertState.Initial(next.Node, next.RuleId, next.Series, Now.AddMinutes(-5)), next, NotifyReason.Fired);

    public static OutboxMessage Message(Severity severity = Severity.Warning, string text = "disk <b>88%</b>", long? chatId = null) =>
        new(MessageKind.Alert, severity, text, chatId);
}
