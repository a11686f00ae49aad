namespace ChatOpsWatch.Domain.Text;

/// <summary>Texts of node reachability, group outages, monitor isolation and the second vantage (issue 4, correlation).</summary>
internal static class CorrelationTexts
{
    public static readonly IReadOnlyDictionary<string, TextEntry> Entries = new Dictionary<string, TextEntry>(StringComparer.Ordinal)
    {
        ["corr.node.down"] = new(
            "🔴 CRITICAL · <b>{0}</b> ({1})\nunreachable: {2} failed polls in a row\nlast error: {3}",
            "🔴 严重 · <b>{0}</b>（{1}）\n无法访问：连续 {2} 次轮询失败\n最近错误：{3}"),
        ["corr.node.path"] = new(
            "🟠 PATH PROBLEM · <b>{0}</b> ({1})\nunreachable from the monitor, but {2} reaches its SSH port {3}: the node answers, the network path from the monitor to it is broken\nlast error: {4}",
            "🟠 路径故障 · <b>{0}</b>（{1}）\n监控端无法访问，但 {2} 能连通其 SSH 端口 {3}：节点本身在线，是监控端到它的网络路径中断\n最近错误：{4}"),
        ["corr.node.path.detail"] = new(
            "PATH PROBLEM: unreachable from the monitor, but {0} reaches its SSH port {1}: the node answers, the network path from the monitor to it is broken\nlast error: {2}",
            "路径故障：监控端无法访问，但 {0} 能连通其 SSH 端口 {1}：节点本身在线，是监控端到它的网络路径中断\n最近错误：{2}"),
        ["corr.node.vantage_also"] = new(
            "\n{0} cannot reach it either",
            "\n{0} 也无法连通它"),
        ["corr.node.back"] = new(
            "✅ RESOLVED · <b>{0}</b> ({1})\nreachable again over SSH\nafter {2}",
            "✅ 已恢复 · <b>{0}</b>（{1}）\nSSH 已可再次访问\n历时 {2}"),
        ["corr.tag.provider"] = new("provider", "服务商"),
        ["corr.tag.region"] = new("region", "地区"),
        ["corr.group.opened"] = new(
            "🔴 OUTAGE · {0} <b>{1}</b>: {2} of {3} nodes unreachable\n{4}",
            "🔴 故障 · {0} <b>{1}</b>：{3} 个节点中有 {2} 个无法访问\n{4}"),
        ["corr.group.member_path"] = new("{0} (reachable from {1})", "{0}（{1} 可连通）"),
        ["corr.group.joined"] = new(
            "🔴 OUTAGE · {0} <b>{1}</b>: now {2} of {3} nodes unreachable; also down: {4}",
            "🔴 故障 · {0} <b>{1}</b>：现在 {3} 个节点中有 {2} 个无法访问；新增：{4}"),
        ["corr.group.back"] = new(
            "🟢 OUTAGE · {0} <b>{1}</b>: reachable again: {2}; {3} of {4} nodes still unreachable",
            "🟢 故障 · {0} <b>{1}</b>：已恢复：{2}；{4} 个节点中仍有 {3} 个无法访问"),
        ["corr.group.resolved.all"] = new(
            "✅ RESOLVED · {0} <b>{1}</b>: all {2} reachable again after {4}",
            "✅ 已恢复 · {0} <b>{1}</b>：全部 {2} 个节点已可访问，历时 {4}"),
        ["corr.group.resolved.some"] = new(
            "✅ RESOLVED · {0} <b>{1}</b>: the outage is over after {4}; {2} of {3} nodes reachable",
            "✅ 已恢复 · {0} <b>{1}</b>：故障已结束，历时 {4}；{3} 个节点中 {2} 个可访问"),
        ["corr.isolated"] = new(
            "🛑 MONITOR ISOLATED: canaries unreachable ({0}) while {1} node(s) fail. The monitor's own network is down; node alerts are paused until the canaries answer again.",
            "🛑 监控端网络隔离：探针目标无法访问（{0}），同时有 {1} 个节点失败。问题在监控端自身的网络；节点告警暂停，直到探针目标恢复。"),
        ["corr.restored"] = new(
            "🟢 MONITOR CONNECTIVITY RESTORED after {0}: canaries answer again; node alerts resume.",
            "🟢 监控端网络已恢复，历时 {0}：探针目标已可访问；节点告警恢复。"),
        ["corr.duration.s"] = new("{0} s", "{0} 秒"),
        ["corr.duration.min"] = new("{0} min", "{0} 分钟"),
        ["corr.duration.h"] = new("{0} h {1} min", "{0} 小时 {1} 分钟"),
        ["corr.duration.d"] = new("{0} d {1} h", "{0} 天 {1} 小时"),
    };
}
