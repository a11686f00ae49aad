namespace ChatOpsWatch.Domain.Text;

/// <summary>Alert and incident messages, their buttons and toasts, /alerts and /history.</summary>
internal static class IncidentTexts
{
    public static readonly IReadOnlyDictionary<string, TextEntry> Entries = new Dictionary<string, TextEntry>(StringComparer.Ordinal)
    {
        ["incident.head.critical"] = new("🔴 CRITICAL", "🔴 严重"),
        ["incident.head.warning"] = new("🟠 WARNING", "🟠 警告"),
        ["incident.head.resolved"] = new("✅ RESOLVED", "✅ 已恢复"),
        ["incident.head.security"] = new("🔐 SECURITY", "🔐 安全"),
        ["incident.head.escalated"] = new("🔴 ESCALATED to CRITICAL", "🔴 升级为严重"),
        ["incident.head.deescalated"] = new("🟠 DOWNGRADED to WARNING", "🟠 降级为警告"),
        ["incident.head.repeat"] = new("🔁 STILL CRITICAL", "🔁 仍然严重"),
        ["incident.head.nodata"] = new("❔ NO DATA", "❔ 无数据"),
        ["incident.head.flapping"] = new("〰 FLAPPING", "〰 状态抖动"),
        ["incident.head.stable"] = new("STABLE again", "已恢复稳定"),
        ["incident.where"] = new("{0} · <b>{1}</b> ({2})", "{0} · <b>{1}</b>（{2}）"),
        ["incident.after"] = new("after {0}", "持续 {0}"),

        ["incident.engine.nodata"] = new("{0}: no sample since {1}", "{0}：自{1}起没有样本"),
        ["incident.engine.ago"] = new("{0} ago", " {0} 前"),
        ["incident.engine.start"] = new("the start", "启动"),
        ["incident.engine.flapping"] = new("{0} keeps changing state; notices paused until it settles", "{0} 状态反复变化；稳定之前暂停通知"),
        ["incident.engine.stable"] = new("{0} settled: {1}", "{0} 已稳定：{1}"),
        ["incident.engine.disk"] = new("{0} {1} ({2})", "{0} {1}（{2}）"),
        ["incident.engine.instance"] = new("{0} <b>{1}</b>", "{0}「<b>{1}</b>」"),

        ["error.deadline"] = new("the probe ran past its deadline", "探测超过时限"),
        ["error.busy"] = new("the previous probe has not finished", "上一次探测尚未结束"),
        ["error.backoff"] = new("waiting before reconnecting", "重连退避中"),
        ["error.hostkey"] = new("host key problem", "主机密钥问题"),
        ["error.auth"] = new("authentication failed", "认证失败"),
        ["error.timeout"] = new("timed out", "超时"),
        ["error.refused"] = new("connection refused", "连接被拒绝"),
        ["error.network"] = new("network unreachable", "网络不可达"),
        ["error.dns"] = new("host name not resolved", "主机名无法解析"),
        ["error.broken"] = new("connection broken", "连接中断"),
        ["error.other"] = new("SSH error", "SSH 错误（详情见日志）"),

        ["incident.health.unreachable"] = new("unreachable: {0} failed polls in a row\nlast error: {1}", "无法连接：连续 {0} 次轮询失败\n最后的错误：{1}"),
        ["incident.health.reachable"] = new("reachable again over SSH", "SSH 已恢复连接"),
        ["incident.health.hostkey"] = new(
            "SSH host key CHANGED. Not authenticating, not probing.\npinned: <code>{0}</code>\npresented: <code>{1}</code>\nIf the change is expected, re-pin the node (see README, host keys).",
            "SSH 主机密钥已变更。不进行认证，也不运行探针。\n已固定：<code>{0}</code>\n当前出示：<code>{1}</code>\n如果这是预期中的变更，请重新固定该节点的密钥（见 README 的主机密钥一节）。"),
        ["incident.health.hostkey.short"] = new("SSH host key changed", "SSH 主机密钥已变更"),
        ["incident.health.hostkey.back"] = new("the pinned SSH host key is presented again", "节点重新出示了已固定的 SSH 主机密钥"),
        ["incident.health.sshcrypto"] = new(
            "SSH algorithms refused. The node answers, but not authenticating, not probing.\n{0}",
            "已拒绝 SSH 算法。节点有应答，但不进行认证，也不运行探针。\n{0}"),
        ["incident.health.sshcrypto.back"] = new("the node negotiates accepted SSH algorithms again", "节点重新协商出可接受的 SSH 算法"),
        ["incident.health.probe"] = new("probe output unreadable: {0}", "探针输出无法解析：{0}"),
        ["incident.health.probe.back"] = new("probe output readable again", "探针输出已恢复可读"),
        ["incident.health.unknown"] = new("unknown", "未知"),

        ["incident.peak"] = new("peaked at CRITICAL", "最高曾达严重"),
        ["incident.acked"] = new("✋ acked by {0} at {1}", "✋ {0} 已于 {1} 确认"),
        ["incident.muted"] = new("🔕 muted until {0} by {1}", "🔕 {1} 已静音至 {0}"),
        ["incident.since"] = new("⏱ open since {0}", "⏱ 始于 {0}"),
        ["incident.lasted"] = new("⏱ lasted {0} ({1}–{2})", "⏱ 持续 {0}（{1}–{2}）"),
        ["incident.reply.resolved"] = new("✅ RESOLVED · <b>{0}</b> {1} after {2}", "✅ 已恢复 · <b>{0}</b> {1}，持续 {2}"),
        ["incident.reply.escalated"] = new("🔴 ESCALATED to CRITICAL · <b>{0}</b>\n{1}", "🔴 升级为严重 · <b>{0}</b>\n{1}"),
        ["incident.reply.repeat"] = new("🔁 <b>{0}</b> {1}: still critical after {2}, not acknowledged", "🔁 <b>{0}</b> {1}：已严重 {2}，尚无人确认"),

        ["incident.dur.s"] = new("{0} s", "{0} 秒"),
        ["incident.dur.min"] = new("{0} min", "{0} 分钟"),
        ["incident.dur.h"] = new("{0} h {1} min", "{0} 小时 {1} 分钟"),
        ["incident.dur.d"] = new("{0} d {1} h", "{0} 天 {1} 小时"),

        ["incident.button.ack"] = new("✋ Ack", "✋ 确认"),
        ["incident.button.mute"] = new("🔕 {0}", "🔕 静音 {0}"),
        ["incident.button.chart"] = new("📈 Chart", "📈 图表"),
        ["incident.button.details"] = new("ℹ️ Details", "ℹ️ 详情"),

        ["incident.toast.acked"] = new("Acknowledged: reminders stop", "已确认：不再重复提醒"),
        ["incident.toast.already_acked"] = new("Already acknowledged by {0}", "已由 {0} 确认"),
        ["incident.toast.muted"] = new("Muted until {0}", "已静音至 {0}"),
        ["incident.toast.resolved"] = new("This incident is already resolved", "该事件已恢复"),
        ["incident.toast.unknown"] = new("This button belongs to no known incident of this chat", "此按钮不属于本聊天中的任何已知事件"),
        ["incident.toast.store"] = new("The store is unavailable; nothing changed", "存储不可用；未做任何更改"),
        ["incident.toast.no_charts"] = new("Charts are not available", "图表功能不可用"),
        ["incident.toast.sent"] = new("Sent to the chat", "已发送到聊天"),
        ["incident.mute.reason"] = new("muted from incident #{0}", "通过事件 #{0} 静音"),

        ["incident.details.head"] = new("ℹ️ <b>Incident #{0}</b> · <b>{1}</b> ({2})", "ℹ️ <b>事件 #{0}</b> · <b>{1}</b>（{2}）"),
        ["incident.details.rule"] = new("rule <code>{0}</code>, series <code>{1}</code>", "规则 <code>{0}</code>，序列 <code>{1}</code>"),
        ["incident.details.severity"] = new("severity {0}, peak {1}", "严重程度 {0}，最高 {1}"),
        ["incident.details.opened"] = new("opened {0}", "开始于 {0}"),
        ["incident.details.resolved"] = new("resolved {0}, after {1}", "恢复于 {0}，持续 {1}"),
        ["incident.details.open"] = new("still open after {0}", "已持续 {0}，尚未恢复"),

        ["incident.alerts.none"] = new("✅ No open alerts.", "✅ 没有未恢复的告警。"),
        ["incident.alerts.head"] = new("<b>Open alerts</b> ({0}), worst first", "<b>未恢复的告警</b>（{0} 条），最严重的在前"),
        ["incident.alerts.info_head"] = new("ℹ️ <b>Info</b> ({0}), never paged: nodes behaving unlike themselves", "ℹ️ <b>提示</b>（{0} 条），不会告警推送：节点表现与平时不同"),
        ["incident.alerts.info_line"] = new("ℹ️ <b>{0}</b> <code>{1}</code> for {2}: {3}", "ℹ️ <b>{0}</b> <code>{1}</code> 已持续 {2}：{3}"),
        ["incident.alerts.line"] = new("{0} <b>{1}</b> <code>{2}</code> for {3}{4}", "{0} <b>{1}</b> <code>{2}</code> 已持续 {3}{4}"),
        ["incident.flag.acked"] = new(" · ✋ {0}", " · ✋ {0} 已确认"),
        ["incident.flag.muted"] = new(" · 🔕 until {0}", " · 🔕 至 {0}"),

        ["incident.history.usage"] = new("Usage: /history &lt;node&gt; [24h|7d] (any span up to 30d)", "用法：/history &lt;节点&gt; [24h|7d]（最长 30d）"),
        ["incident.history.bad_node"] = new("Not a node name: <code>{0}</code>", "不是有效的节点名：<code>{0}</code>"),
        ["incident.history.none"] = new("No incidents on <b>{0}</b> in the last {1}.", "<b>{0}</b> 在过去 {1} 内没有事件。"),
        ["incident.history.head"] = new("<b>Incidents on {0}</b> in the last {1}: {2}", "<b>{0} 的事件</b>，过去 {1}：共 {2} 条"),
        ["incident.history.line"] = new("{0} {1} <code>{2}</code>: {3}", "{0} {1} <code>{2}</code>：{3}"),
        ["incident.history.open"] = new("still open ({0})", "仍未恢复（{0}）"),
        ["incident.history.more"] = new("… and {0} older", "……另有 {0} 条更早的"),
        ["incident.store_unavailable"] = new("The incident history cannot be read right now; try again shortly.", "暂时无法读取事件记录，请稍后再试。"),
    };
}
