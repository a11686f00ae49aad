namespace ChatOpsWatch.Domain.Text;

/// <summary>What the delivery path adds to messages (the backlog digest, the possible-duplicate marker) and the storage notices sent past the outbox.</summary>
internal static class DeliveryTexts
{
    public static readonly IReadOnlyDictionary<string, TextEntry> Entries = new Dictionary<string, TextEntry>(StringComparer.Ordinal)
    {
        ["delivery.digest.header"] = new(
            "📦 <b>Digest of {0} messages</b> held back by Telegram's rate limit{1}",
            "📦 <b>因 Telegram 限流而暂缓发送的 {0} 条消息汇总</b>{1}"),
        ["delivery.digest.part"] = new(" (part {0}/{1}, {2} here)", "（第 {0}/{1} 部分，本部分 {2} 条）"),
        ["delivery.possible_duplicate"] = new(
            "♻️ <i>possible duplicate (resent after a restart)</i>",
            "♻️ <i>可能重复（重启后重新发送）</i>"),
        ["storage.failing"] = new(
            "🛑 <b>Storage is failing: {0}.</b>\nDatabase <code>{1}</code>\nAlerts cannot be recorded or queued until it works again; this notice was sent from memory.\nError: <code>{2}</code>",
            "🛑 <b>存储故障：{0}。</b>\n数据库 <code>{1}</code>\n在恢复之前无法记录或排队告警；本通知由内存直接发送。\n{2}"),

        // {2} of storage.failing in languages other than English, where the database's own (English) error is not quoted.
        ["storage.error.in_log"] = new("the error is in the log", "错误详情见监控日志"),
        ["storage.recovered"] = new(
            "✅ <b>Storage works again</b> (database <code>{0}</code>), after {1} of failures. Alerts are recorded and queued again.",
            "✅ <b>存储已恢复</b>（数据库 <code>{0}</code>），故障持续 {1}。告警恢复记录与排队。"),
        ["storage.fault.disk_full"] = new("the disk is full", "磁盘已满"),
        ["storage.fault.locked"] = new("the database is locked by another process", "数据库被其他进程锁定"),
        ["storage.fault.read_only"] = new("the database is read-only", "数据库只读"),
        ["storage.fault.io"] = new("disk I/O error", "磁盘 I/O 错误"),
        ["storage.fault.cannot_open"] = new("the database file cannot be opened", "无法打开数据库文件"),
        ["storage.fault.corrupt"] = new("the database file is corrupt", "数据库文件已损坏"),
        ["storage.fault.other"] = new("database error", "数据库错误"),
    };
}
