namespace ChatOpsWatch.Domain.Text;

/// <summary>Texts of the daily report (/report and its schedule).</summary>
internal static class ReportTexts
{
    public static readonly IReadOnlyDictionary<string, TextEntry> Entries = new Dictionary<string, TextEntry>(StringComparer.Ordinal)
    {
        ["report.usage"] = new("Not a report period: <code>{0}</code>. Use /report, /report 24h or /report 7d.", "无效的报告周期：<code>{0}</code>。请使用 /report、/report 24h 或 /report 7d。"),
        ["report.unavailable"] = new("⚠️ Report unavailable: the monitor could not read its store. The cause is in the monitor's log.", "⚠️ 无法生成报告：监控程序读取存储失败，原因见监控日志。"),
        ["report.heartbeat"] = new("💓 <b>Monitor</b>: {0} · {1} · {2}/{3} polls stored · {4}", "💓 <b>监控自身</b>：{0} · {1} · 已存储 {2}/{3} 次轮询 · {4}"),
        ["report.heartbeat.since"] = new("running {0} (since {1})", "已运行 {0}（自 {1} 起）"),
        ["report.heartbeat.since_unknown"] = new("running (start not recorded)", "运行中（未记录启动时间）"),
        ["report.heartbeat.last"] = new("last poll {0} ago", "最近一次轮询在 {0} 前"),
        ["report.heartbeat.last_none"] = new("no poll completed yet", "尚无完成的轮询"),
        ["report.heartbeat.outbox_empty"] = new("outbox empty", "发件箱为空"),
        ["report.heartbeat.outbox"] = new("outbox: {0} waiting, oldest {1}", "发件箱：{0} 条待发，最早的已等待 {1}"),
        ["report.title"] = new("📋 <b>Daily report</b> {0} – {1}", "📋 <b>每日报告</b> {0} – {1}"),
        ["report.uptime.heading"] = new("<b>Uptime</b> (polls answered)", "<b>在线率</b>（应答的轮询）"),
        ["report.uptime.line"] = new("{0} {1}: {2} ({3}/{4})", "{0} {1}：{2}（{3}/{4}）"),
        ["report.uptime.legacy_ssh"] = new("⚠ legacy SSH algorithms allowed", "⚠ 已允许旧版 SSH 算法"),
        ["report.uptime.none"] = new("No nodes are monitored.", "没有被监控的节点。"),
        ["report.uptime.nopolls"] = new("no polls due yet", "尚无应到的轮询"),
        ["report.incidents.heading"] = new("<b>Incidents</b>: {0} ({1} critical, {2} still open)", "<b>事件</b>：{0} 个（严重 {1} 个，仍未解决 {2} 个）"),
        ["report.incidents.line"] = new("{0} {1} · {2} · {3} · {4}", "{0} {1} · <code>{2}</code> · {3} · {4}"), // zh: a rule id reads as code in a Chinese line
        ["report.incidents.lasted"] = new("lasted {0}", "持续 {0}"),
        ["report.incidents.open"] = new("open for {0}", "已持续 {0}，未解决"),
        ["report.more"] = new("… and {0} more", "……另有 {0} 个"),
        ["report.noisy.heading"] = new("<b>Noisiest rules</b>", "<b>最嘈杂的规则</b>"),
        ["report.noisy.none"] = new("No alerts in this period.", "此期间没有告警。"),
        ["report.noisy.line"] = new("• {0}: {1} on {2}, {3} gone by themselves within {4} min", "• <code>{0}</code>：{1}，涉及 {2}，其中 {3} 次在 {4} 分钟内自行恢复"),
        ["report.noisy.episodes"] = new("{0} episodes", "{0} 次"),
        ["report.noisy.episodes.one"] = new("{0} episode", "{0} 次"),
        ["report.noisy.nodes"] = new("{0} nodes", "{0} 个节点"),
        ["report.noisy.nodes.one"] = new("{0} node", "{0} 个节点"),
        ["report.expiry.heading"] = new("<b>Expiring within {0} days</b>", "<b>{0} 天内到期</b>"),
        ["report.expiry.none"] = new("Nothing expires soon.", "近期没有到期项。"),
        ["report.expiry.line"] = new("{0} {1} · {2}: {3}", "{0} {1} · {2}：{3}"),
        ["report.expiry.days"] = new("in {0} days", "{0} 天后"),
        ["report.expiry.overdue"] = new("expired {0} days ago", "已过期 {0} 天"),
        ["report.expiry.node"] = new("paid period", "服务期"),
        ["report.expiry.tls"] = new("TLS certificate {0}", "TLS 证书 {0}"),
    };
}
