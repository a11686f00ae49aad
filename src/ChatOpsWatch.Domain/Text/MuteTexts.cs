namespace ChatOpsWatch.Domain.Text;

/// <summary>/mute, /unmute, /silences and /ack: the replies and the argument problems.</summary>
internal static class MuteTexts
{
    public static readonly IReadOnlyDictionary<string, TextEntry> Entries = new Dictionary<string, TextEntry>(StringComparer.Ordinal)
    {
        ["mute.muted"] = new(
            "🔕 {0} muted {1} until {2} ({3}): {4}. Silence <code>{5}</code>; /unmute {5} ends it.",
            "🔕 {0} 静默了 {1}，直到 {2}（{3}）：{4}。静默 ID <code>{5}</code>，发送 /unmute {5} 可提前结束。"),
        ["mute.invalid"] = new("/{0} refused: {1}.", "/{0} 未执行：{1}。"),
        ["mute.unmuted.none"] = new(
            "No active silence has that id or target. /silences lists them.",
            "没有与该 ID 或目标匹配的生效静默。发送 /silences 查看。"),
        ["mute.unmuted"] = new("🔔 {0} ended silence {1}.", "🔔 {0} 结束了静默 {1}。"),
        ["mute.list.empty"] = new("No silences in force.", "当前没有生效的静默。"),
        ["mute.list.title"] = new("<b>Silences in force</b>", "<b>生效中的静默</b>"),
        ["mute.list.line"] = new(
            "<code>{0}</code> {1} until {2} (in {3}), by {4}: {5}",
            "<code>{0}</code> {1}，直到 {2}（还剩 {3}），设置人 {4}：{5}"),
        ["mute.acked.none"] = new(
            "Nothing firing on <b>{0}</b> to acknowledge.",
            "<b>{0}</b> 上没有正在触发的告警需要确认。"),
        ["mute.acked"] = new(
            "✅ {0} acknowledged {1} firing alert(s) on <b>{2}</b>: {3}. Their reminders stop; a change of severity or the resolution is still sent.",
            "✅ {0} 确认了 <b>{2}</b> 上 {1} 条正在触发的告警：{3}。它们不再重复提醒；严重程度变化或恢复时仍会通知。"),
        ["mute.store_unavailable"] = new(
            "⚠️ Nothing changed: the monitor could not use its store. The cause is in the monitor's log.",
            "⚠️ 没有做任何更改：监控程序无法使用自己的存储，原因见监控程序的日志。"),
        ["mute.already_applied"] = new("This /mute was already applied.", "这条 /mute 已经执行过了。"),
        ["mute.target.and"] = new(" and ", " 且 "),
        ["mute.label.node"] = new("node", "节点"),
        ["mute.label.rule"] = new("rule", "规则"),
        ["mute.label.provider"] = new("provider", "服务商"),
        ["mute.label.region"] = new("region", "地区"),
        ["mute.label.role"] = new("role", "角色"),
        ["mute.no_reason"] = new("(no reason given)", "（未说明原因）"),
        ["mute.target_rule"] = new(
            "1-64 characters: letters, digits, '-', '_', '.' or ':', starting with a letter or digit",
            "1–64 个字符，只能包含字母、数字、“-”、“_”、“.”或“:”，并以字母或数字开头"),
        ["mute.problem.target_length"] = new("a target is {0} (got {1} characters)", "目标须为{0}（收到 {1} 个字符）"),
        ["mute.problem.target"] = new("a target is {0}", "目标须为{0}"),
        ["mute.problem.usage_mute"] = new(
            "usage: /mute <node|tag|rule> <duration> [reason], e.g. /mute web-1 2h kernel upgrade",
            "用法：/mute <节点|标签|规则> <时长> [原因]，例如 /mute web-1 2h 升级内核"),
        ["mute.problem.duration"] = new(
            "the duration must be like 30m, 2h or 1d, at most {0}",
            "时长的格式应为 30m、2h 或 1d，最长 {0}"),
        ["mute.problem.reason"] = new(
            "the reason is at most {0} words and {1} characters",
            "原因最多 {0} 个词、{1} 个字符"),
        ["mute.problem.reason_words"] = new("the reason is at most {0} words", "原因最多 {0} 个词"),
        ["mute.problem.unknown_target"] = new(
            "no node, tag or rule has that name; /status lists the nodes",
            "没有叫这个名字的节点、标签或规则；发送 /status 查看节点"),
        ["mute.problem.invalid"] = new("invalid arguments", "参数无效"),
        ["mute.problem.usage_unmute"] = new("usage: /unmute <id|target>", "用法：/unmute <静默ID|目标>"),
        ["mute.problem.usage_ack"] = new("usage: /ack <node> [rule] or /ack #<incident>", "用法：/ack <节点> [规则] 或 /ack #<事件编号>"),
        ["mute.ack.incident_unknown"] = new("No incident #{0}. /alerts lists the open ones.", "没有编号为 #{0} 的事件。发送 /alerts 查看未解决的事件。"),
        ["mute.ack.incident_resolved"] = new("Incident #{0} is already resolved: nothing to acknowledge.", "事件 #{0} 已经解决，无需确认。"),
        ["mute.ack.incident_already"] = new("Incident #{0} was already acknowledged by {1}.", "事件 #{0} 已由 {1} 确认。"),
        ["mute.ack.incident_done"] = new("✅ Incident #{0} ({1} · {2}) acknowledged by {3}: its reminders stop.", "✅ 事件 #{0}（{1} · {2}）已由 {3} 确认，不再重复提醒。"),
    };
}
