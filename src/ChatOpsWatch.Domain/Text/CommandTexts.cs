namespace ChatOpsWatch.Domain.Text;

/// <summary>
/// The command menu (/help and setMyCommands): "command.&lt;name&gt;.description" for every command in
/// ChatCommands.All, and "command.&lt;name&gt;.usage" for those that take arguments (the others show their name).
/// Usages are plain text; the caller escapes them.
/// </summary>
internal static class CommandTexts
{
    public static readonly IReadOnlyDictionary<string, TextEntry> Entries = new Dictionary<string, TextEntry>(StringComparer.Ordinal)
    {
        ["command.status.usage"] = new("/status [node]", "/status [节点]"),
        ["command.status.description"] = new("fleet health, worst nodes first", "集群健康状况，最差的节点排在前面"),
        ["command.mute.usage"] = new("/mute <node|tag|rule> <duration> [reason]", "/mute <节点|标签|规则> <时长> [原因]"),
        ["command.mute.description"] = new("silence alerts until the duration ends (admins)", "在指定时长内静默告警（管理员）"),
        ["command.unmute.usage"] = new("/unmute <id|target>", "/unmute <静默ID|目标>"),
        ["command.unmute.description"] = new("end a silence early (admins)", "提前结束静默（管理员）"),
        ["command.silences.description"] = new("list the silences in force", "列出正在生效的静默"),
        ["command.ack.usage"] = new("/ack <node> [rule] | #<incident>", "/ack <节点> [规则] | #<事件编号>"),
        ["command.ack.description"] = new("acknowledge firing alerts: stops their reminders (admins)", "确认正在触发的告警，停止重复提醒（管理员）"),
        ["command.node.usage"] = new("/node <node>", "/node <节点>"),
        ["command.node.description"] = new("one node's latest indicators and open alerts", "单个节点的最新指标和未解决的告警"),
        ["command.nodes.usage"] = new("/nodes [tag]", "/nodes [标签]"),
        ["command.nodes.description"] = new("list the nodes, optionally by provider, region or role", "列出节点，可按服务商、地区或角色筛选"),
        ["command.alerts.description"] = new("the open alerts, worst first", "未解决的告警，最严重的排在前面"),
        ["command.history.usage"] = new("/history <node> [24h]", "/history <节点> [24h]"),
        ["command.history.description"] = new("a node's alert history", "节点的告警历史"),
        ["command.maint.usage"] = new("/maint <target> <start> <duration> | <cron>", "/maint <目标> <开始时间> <时长> | <cron>"),
        ["command.maint.description"] = new("schedule a maintenance window (admins)", "安排维护窗口（管理员）"),
        ["command.chart.usage"] = new("/chart <node> <metric> [1h|24h|7d|30d|90d|1y]", "/chart <节点> <指标> [1h|24h|7d|30d|90d|1y]"),
        ["command.chart.description"] = new("a chart of one indicator with its thresholds", "单个指标的走势图，附带阈值"),
        ["command.addnode.usage"] = new("/addnode <name> <user@host[:port]> [tags]", "/addnode <名称> <用户@主机[:端口]> [标签]"),
        ["command.addnode.description"] = new("add a node after confirming its host key (admins)", "确认主机密钥后添加节点（管理员）"),
        ["command.removenode.usage"] = new("/removenode <name>", "/removenode <名称>"),
        ["command.removenode.description"] = new("stop monitoring a node, after confirmation (admins)", "确认后停止监控某个节点（管理员）"),
        ["command.storage.description"] = new("the database's size per tier, rows, bytes per poll and the oldest data", "数据库各层级的大小、行数、每次采集的字节数与最早的数据"),
        ["command.report.description"] = new("the daily report: uptime, incidents, noisy rules, expiries", "每日报告：在线率、故障事件、频繁告警的规则、到期提醒"),
        ["command.help.description"] = new("list the commands", "列出所有命令"),
        ["command.start.description"] = new("say hello and show the commands", "打个招呼并列出所有命令"),
    };
}
