namespace ChatOpsWatch.Domain.Text;

/// <summary>Texts of /status, /node, /nodes, /chart, /maint and the mute-expiry reminder.</summary>
internal static class CommandsTexts
{
    public static readonly IReadOnlyDictionary<string, TextEntry> Entries = new Dictionary<string, TextEntry>(StringComparer.Ordinal)
    {
        // Argument checks shared by /chart, /maint and /nodes.
        ["cmd.arg.too_long"] = new("“{0}” is too long ({1} characters); an argument has at most {2}.", "“{0}”太长（{1} 个字符），参数最多 {2} 个字符。"),
        ["cmd.arg.control"] = new("An argument may not contain line breaks or control characters.", "参数不能包含换行符或控制字符。"),
        ["cmd.arg.markup"] = new("“{0}” contains &lt; or &gt;: markup is not accepted in arguments.", "“{0}”包含 &lt; 或 &gt;：参数中不接受标记。"),
        ["cmd.arg.option"] = new("“{0}” starts with '-': arguments are names, not options.", "“{0}”以“-”开头：参数是名称，不是选项。"),
        ["cmd.arg.shell"] = new("“{0}” contains '{1}', which no name or time here uses.", "“{0}”包含“{1}”，名称和时间中都不会用到它。"),
        ["cmd.node.invalid"] = new("“{0}” is not a valid node name.", "“{0}”不是有效的节点名。"),
        ["cmd.node.unknown"] = new("No node is called <b>{0}</b>; /nodes lists them.", "没有名为 <b>{0}</b> 的节点；/nodes 可列出所有节点。"),
        ["cmd.store_unavailable"] = new("The database could not be read; nothing changed. Try again shortly.", "无法读取数据库；没有任何改动。请稍后再试。"),

        // /status
        ["status.title"] = new("<b>Fleet status</b>", "<b>集群状态</b>"),
        ["status.empty"] = new("No nodes configured.", "尚未配置任何节点。"),
        ["status.headline"] = new("{0} nodes: {1} critical · {2} warning · {3} ok · {4} unknown", "{0} 个节点：{1} 严重 · {2} 警告 · {3} 正常 · {4} 未知"),
        ["status.headline.one"] = new("{0} node: {1} critical · {2} warning · {3} ok · {4} unknown", "{0} 个节点：{1} 严重 · {2} 警告 · {3} 正常 · {4} 未知"),
        ["status.more"] = new("… and {0} more nodes", "……还有 {0} 个节点"),
        ["status.no_data_yet"] = new("no data yet", "尚无数据"),
        ["status.stale"] = new("(stale)", "（数据过时）"),
        ["status.metrics"] = new("cpu {0} · mem {1} · disk {2} · load {3}", "CPU {0} · 内存 {1} · 磁盘 {2} · 负载 {3}"),
        ["status.health.critical"] = new("critical", "严重"),
        ["status.health.warning"] = new("warning", "警告"),
        ["status.health.ok"] = new("ok", "正常"),
        ["status.health.unknown"] = new("unknown", "未知"),
        ["status.alert.unreachable"] = new("unreachable", "无法连接"),
        ["status.alert.host_key"] = new("SSH host key changed", "SSH 主机密钥已变更"),
        ["status.alert.ssh_crypto"] = new("SSH algorithms refused (legacy only)", "SSH 算法被拒绝（仅提供旧算法）"),
        ["status.alert.probe"] = new("probe output unreadable", "探针输出无法解析"),
        ["status.ago"] = new("{0} ago", "{0}前"),
        ["unit.s"] = new("{0} s", "{0} 秒"),
        ["unit.min"] = new("{0} min", "{0} 分钟"),
        ["unit.h_min"] = new("{0} h {1} min", "{0} 小时 {1} 分钟"),
        ["unit.d_h"] = new("{0} d {1} h", "{0} 天 {1} 小时"),

        // /node <name> and /status <name>
        ["node.usage"] = new("Usage: /node &lt;node&gt;, e.g. /node web-1", "用法：/node &lt;节点&gt;，例如 /node web-1"),
        ["node.title"] = new("{0} <b>{1}</b> · {2} · {3}", "{0} <b>{1}</b> · {2} · {3}状态"),
        ["node.legacy_ssh"] = new(
            "⚠ legacy SSH algorithms allowed (AllowLegacyAlgorithms): SHA-1 key exchange and signatures, CBC, HMAC-SHA1",
            "⚠ 已允许旧版 SSH 算法（AllowLegacyAlgorithms）：SHA-1 密钥交换与签名、CBC、HMAC-SHA1"),
        ["node.last_poll"] = new("last poll {0} ({1:yyyy-MM-dd HH:mm:ss} UTC)", "最近一次轮询：{0}（{1:yyyy-MM-dd HH:mm:ss} UTC）"),
        ["node.section.network"] = new("<b>Network</b>", "<b>网络</b>"),
        ["node.section.system"] = new("<b>System</b>", "<b>系统</b>"),
        ["node.section.application"] = new("<b>Application</b>", "<b>应用</b>"),
        ["node.section.alerts"] = new("<b>Open alerts</b>", "<b>未解决的告警</b>"),
        ["node.alert"] = new("{0} since {1} UTC", "{0}，自 {1} UTC 起"),
        ["node.alerts_none"] = new("none", "无"),
        ["node.net.tcp"] = new("TCP :{0} connect {1} ms (jitter {2} ms) · loss {3}", "TCP :{0} 连接 {1} 毫秒（抖动 {2} 毫秒）· 丢包 {3}"),
        ["node.net.icmp"] = new("ICMP rtt {0} ms (jitter {1} ms) · loss {2}", "ICMP 往返 {0} 毫秒（抖动 {1} 毫秒）· 丢包 {2}"),
        ["node.net.method"] = new("reachability measured by {0}", "可达性检测方式：{0}"),
        ["node.cpu"] = new("CPU {0} (user {1} · system {2} · iowait {3} · steal {4}) · {5} cores", "CPU {0}（用户 {1} · 系统 {2} · IO 等待 {3} · 被窃取 {4}）· {5} 核"),
        ["node.load"] = new("load {0} / {1} / {2}", "负载 {0} / {1} / {2}"),
        ["node.mem"] = new("memory {0} · swap {1}", "内存 {0} · 交换分区 {1}"),
        ["node.no_swap"] = new("none", "无"),
        ["node.disk"] = new("disk {0} ({1}) {2} · inodes {3}", "磁盘 {0}（{1}）{2} · inode {3}"),
        ["node.disk.system"] = new("system", "系统盘"),
        ["node.disk.data"] = new("data", "数据盘"),
        ["node.io"] = new("I/O {0}: util {1} · await read {2} / write {3} ms · queue {4}", "I/O {0}：利用率 {1} · 等待 读 {2} / 写 {3} 毫秒 · 队列 {4}"),
        ["node.proc"] = new("process {0} {1} ×{2}", "进程 {0} {1} ×{2}"),
        ["node.port"] = new("port {0} {1}", "端口 {0} {1}"),
        ["node.http"] = new("HTTP {0} {1} status {2} · {3} ms", "HTTP {0} {1} 状态码 {2} · {3} 毫秒"),

        // /nodes [tag]
        ["nodes.usage"] = new("Usage: /nodes [provider|region|role], e.g. /nodes hetzner", "用法：/nodes [服务商|区域|角色]，例如 /nodes hetzner"),
        ["nodes.title"] = new("<b>Nodes</b> · {0}", "<b>节点</b> · {0} 个"),
        ["nodes.title_tag"] = new("<b>Nodes</b> tagged {1} · {0}", "<b>标签为 {1} 的节点</b> · {0} 个"),
        ["nodes.line"] = new("{0} <b>{1}</b> {2} · {3} · {4} · seen {5}", "{0} <b>{1}</b> {2} · {3} · {4} · 最近数据 {5}"),
        ["nodes.tag_unknown"] = new("No provider, region or role is called “{0}”. Known: {1}", "没有名为“{0}”的服务商、区域或角色。已知：{1}"),

        // /chart
        ["cmd.chart.usage"] = new("Usage: /chart &lt;node&gt; &lt;metric&gt; [1h|24h|7d|30d|90d|1y], e.g. /chart web-1 cpu.busy_pct 24h", "用法：/chart &lt;节点&gt; &lt;指标&gt; [1h|24h|7d|30d|90d|1y]，例如 /chart web-1 cpu.busy_pct 24h"),
        ["cmd.chart.metric_invalid"] = new("“{0}” is not a metric name; they look like cpu.busy_pct or disk.used_pct{{mount=/data}}.", "“{0}”不是指标名；指标名形如 cpu.busy_pct 或 disk.used_pct{{mount=/data}}。"),
        ["cmd.chart.range_invalid"] = new("“{0}” is not a range: use 1h, 24h or 7d.", "“{0}”不是有效的时间范围：请用 1h、24h 或 7d。"),
        ["chart.unknown_metric"] = new("<b>{0}</b> has no series “{1}”. Some it has: {2}", "<b>{0}</b> 没有序列“{1}”。它有的序列包括：{2}"),
        ["chart.ambiguous"] = new("“{0}” matches several series; name one: {1}", "“{0}”匹配多个序列，请指定其中一个：{1}"),
        ["chart.no_data"] = new("<b>{0}</b> stored no values of {1} in the last {2}: nothing to draw.", "<b>{0}</b> 在最近 {2} 内没有 {1} 的数据：无法绘图。"),
        ["chart.caption"] = new("<b>{0}</b> · {1} · {2}\nlow {3} · high {4} · latest {5} at {6:HH:mm} UTC", "<b>{0}</b> · {1} · {2}\n最低 {3} · 最高 {4} · 最新 {5}（{6:HH:mm} UTC）"),
        ["chart.levels"] = new("dashed lines: warning {0} · critical {1}", "虚线：警告 {0} · 严重 {1}"),

        // /maint
        ["maint.usage"] = new(
            "Usage: /maint &lt;target&gt; &lt;start&gt; &lt;duration&gt; [reason], start 22:00 or 2026-11-25T22:00Z (UTC);\nor weekly: /maint &lt;target&gt; \"0 3 * * 0\" 2h [reason] (minute hour * * weekdays, UTC);\n/maint cancel &lt;id&gt; ends one.",
            "用法：/maint &lt;目标&gt; &lt;开始时间&gt; &lt;时长&gt; [原因]，开始时间如 22:00 或 2026-11-25T22:00Z（UTC）；\n每周重复：/maint &lt;目标&gt; \"0 3 * * 0\" 2h [原因]（分 时 * * 星期，UTC）；\n/maint cancel &lt;编号&gt; 取消一个维护窗口。"),
        ["maint.cancel_id"] = new("“{0}” is not a maintenance id; /silences lists them.", "“{0}”不是维护窗口编号；/silences 可列出它们。"),
        ["maint.target_unknown"] = new("No node, tag or rule is called “{0}”; /nodes lists the nodes.", "没有名为“{0}”的节点、标签或规则；/nodes 可列出节点。"),
        ["maint.duration_invalid"] = new("The duration must be like 30m, 2h or 1d, at most {0}.", "时长格式应为 30m、2h 或 1d，最长 {0}。"),
        ["maint.reason_too_long"] = new("The reason is at most {0} words and {1} characters.", "原因最多 {0} 个词、{1} 个字符。"),
        ["maint.no_reason"] = new("(no reason given)", "（未说明原因）"),
        ["maint.start_invalid"] = new("“{0}” is not a start time: use 22:00 (UTC, next occurrence) or 2026-11-25T22:00Z.", "“{0}”不是有效的开始时间：请用 22:00（UTC，下一次出现）或 2026-11-25T22:00Z。"),
        ["maint.start_range"] = new("The window must not be over already, and must start within {0}.", "维护窗口不能已经结束，且必须在 {0} 内开始。"),
        ["maint.cron.fields"] = new("A weekly window's cron has 5 fields (minute hour * * weekdays), got {0}.", "每周维护窗口的 cron 需要 5 个字段（分 时 * * 星期），实际为 {0} 个。"),
        ["maint.cron.minute"] = new("The cron's minute must be a number 0-59, got “{0}”.", "cron 的分钟必须是 0-59 的数字，实际为“{0}”。"),
        ["maint.cron.hour"] = new("The cron's hour must be a number 0-23, got “{0}”.", "cron 的小时必须是 0-23 的数字，实际为“{0}”。"),
        ["maint.cron.month"] = new("Only weekly windows are supported: day of month and month must be * *, got “{0}”.", "只支持每周重复的窗口：日期和月份必须为 * *，实际为“{0}”。"),
        ["maint.cron.weekdays"] = new("The cron's weekdays must be *, 0-7, a range like 1-5 or a list like 0,6; got “{0}”.", "cron 的星期必须是 *、0-7、范围（如 1-5）或列表（如 0,6），实际为“{0}”。"),
        ["maint.added"] = new("🛠 Maintenance #{0} set: {1}", "🛠 已设置维护窗口 #{0}：{1}"),
        ["maint.line"] = new("<b>{0}</b> {1} (by {2}: {3})", "<b>{0}</b> {1}（{2} 设置：{3}）"),
        ["maint.once"] = new("from {0} to {1} UTC", "从 {0} 到 {1} UTC"),
        ["maint.weekly"] = new("weekly at “{0}” for {1} (UTC)", "每周 “{0}” 起持续 {1}（UTC）"),
        ["maint.already"] = new("This /maint was already applied.", "这条 /maint 已经执行过了。"),
        ["maint.cancelled"] = new("Maintenance #{0} cancelled.", "已取消维护窗口 #{0}。"),
        ["maint.cancel_unknown"] = new("No active maintenance window has id {0}; /silences lists them.", "没有编号为 {0} 的生效中维护窗口；/silences 可列出它们。"),
        ["maint.list_empty"] = new("No maintenance windows.", "没有维护窗口。"),
        ["maint.list_title"] = new("<b>Maintenance windows</b> · {0}", "<b>维护窗口</b> · {0} 个"),
        ["maint.list_line"] = new("#{0} {1}", "#{0} {1}"),

        // The reminder before a mute ends.
        ["remind.silence"] = new("⏰ The mute on <b>{0}</b> (by {1}: {2}) ends at {3:HH:mm} UTC.", "⏰ <b>{0}</b> 的静音（{1} 设置：{2}）将于 {3:HH:mm} UTC 结束。"),
        ["remind.maintenance"] = new("⏰ The maintenance window on <b>{0}</b> (by {1}: {2}) ends at {3:HH:mm} UTC.", "⏰ <b>{0}</b> 的维护窗口（{1} 设置：{2}）将于 {3:HH:mm} UTC 结束。"),
    };
}
